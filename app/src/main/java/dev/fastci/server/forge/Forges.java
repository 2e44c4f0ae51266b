package dev.fastci.server.forge;

import dev.fastci.server.repos.ForgeKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Every {@link Forge} implementation, by its kind. */
@Component
public class Forges {
  private final Map<ForgeKind, Forge> byKind = new EnumMap<>(ForgeKind.class);

  public Forges(List<Forge> forges) {
    forges.forEach(forge -> byKind.put(forge.kind(), forge));
  }

  /**
   * @throws IllegalArgumentException for {@link ForgeKind#GIT}, which has no forge
   */
  public Forge of(ForgeKind kind) {
    Forge forge = byKind.get(kind);
    if (forge == null) {
      throw new IllegalArgumentException(kind.id() + " is not a forge");
    }
    return forge;
  }
}
