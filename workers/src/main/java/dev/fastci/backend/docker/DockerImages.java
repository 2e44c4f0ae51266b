package dev.fastci.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.fastci.backend.JobStartException;

/** The images of jobs: their ids, and a pull when one is missing locally. */
final class DockerImages {
  private final DockerClient calls;
  private final DockerClient streaming;

  /**
   * @param calls inspects images
   * @param streaming pulls them, which takes as long as the download
   */
  DockerImages(DockerClient calls, DockerClient streaming) {
    this.calls = calls;
    this.streaming = streaming;
  }

  /** The content id of the image, pulled first when it is missing. */
  String imageId(String image, String platform) {
    try {
      return calls.inspectImageCmd(image).exec().getId();
    } catch (NotFoundException missing) {
      ensureImage(image, platform);
      return calls.inspectImageCmd(image).exec().getId();
    }
  }

  /**
   * Pulls the image.
   *
   * @throws JobStartException when it cannot be pulled
   */
  void ensureImage(String image, String platform) {
    ImageReference ref = ImageReference.parse(image);
    try {
      streaming
          .pullImageCmd(ref.repository())
          .withTag(ref.tag())
          .withPlatform(platform)
          .exec(new PullImageResultCallback())
          .awaitCompletion();
    } catch (DockerException e) {
      throw new JobStartException(
          "image " + image + " is not present locally and could not be pulled: " + reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobStartException("interrupted while pulling image " + image, e);
    }
  }

  /** The engine's own message, without the JSON around it. */
  static String reason(DockerException e) {
    String message = e.getMessage();
    int json = message.indexOf("{\"message\":\"");
    if (json >= 0) {
      message = message.substring(json + 12).replaceFirst("\"}\\s*$", "");
    }
    return message.strip();
  }
}
