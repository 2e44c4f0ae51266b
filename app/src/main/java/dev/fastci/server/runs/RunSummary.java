package dev.fastci.server.runs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.fastci.contract.PipelineStatus;
import java.time.Instant;

/**
 * A row of the runs list.
 *
 * @param triggerJson what started the run, for the UI (the API list leaves it out)
 */
public record RunSummary(
    String id,
    String name,
    PipelineStatus status,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    int attempt,
    @JsonIgnore String triggerJson) {}
