package dev.fastci.backend.docker;

/**
 * An image name split the way the Docker API's pull wants it. Without a tag, {@code latest} is
 * meant: an empty tag would ask the engine for every tag of the repository.
 */
record ImageReference(String repository, String tag) {

  static ImageReference parse(String image) {
    if (image.contains("@")) {
      return new ImageReference(image, null);
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (colon > slash) {
      return new ImageReference(image.substring(0, colon), image.substring(colon + 1));
    }
    return new ImageReference(image, "latest");
  }
}
