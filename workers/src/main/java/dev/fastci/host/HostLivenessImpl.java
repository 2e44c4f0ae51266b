package dev.fastci.host;

import dev.fastci.contract.HostLiveness;

/** Answers for this worker host. */
public class HostLivenessImpl implements HostLiveness {
  private final String hostId;

  public HostLivenessImpl(String hostId) {
    this.hostId = hostId;
  }

  @Override
  public String ping() {
    return hostId;
  }
}
