package dev.fastci.limits;

import com.google.protobuf.MessageLite;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.command.v1.Command;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.workflowservice.v1.RecordActivityTaskHeartbeatRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures what reaches the Temporal service: the largest request of each gRPC method, and the
 * largest single payload (workflow and activity inputs, results, heartbeat details).
 */
final class RequestSizes implements ServerInterceptor {
  private final Map<String, Integer> largestByMethod = new ConcurrentHashMap<>();
  private final Map<String, Integer> largestPayloadByKind = new ConcurrentHashMap<>();

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String method = call.getMethodDescriptor().getBareMethodName();
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
        next.startCall(call, headers)) {
      @Override
      public void onMessage(Q message) {
        if (message instanceof MessageLite proto) {
          largestByMethod.merge(method, proto.getSerializedSize(), Math::max);
        }
        payloadsOf(message);
        super.onMessage(message);
      }
    };
  }

  private void payloadsOf(Object message) {
    if (message instanceof RespondWorkflowTaskCompletedRequest completed) {
      for (Command command : completed.getCommandsList()) {
        if (command.hasScheduleActivityTaskCommandAttributes()) {
          note("activity input", command.getScheduleActivityTaskCommandAttributes().getInput());
        }
        if (command.hasCompleteWorkflowExecutionCommandAttributes()) {
          note(
              "workflow result",
              command.getCompleteWorkflowExecutionCommandAttributes().getResult());
        }
      }
    } else if (message instanceof RespondActivityTaskCompletedRequest completed) {
      note("activity result", completed.getResult());
    } else if (message instanceof RecordActivityTaskHeartbeatRequest heartbeat) {
      note("heartbeat details", heartbeat.getDetails());
    } else if (message instanceof StartWorkflowExecutionRequest start) {
      note("workflow input", start.getInput());
    }
  }

  private void note(String kind, Payloads payloads) {
    for (Payload payload : payloads.getPayloadsList()) {
      largestPayloadByKind.merge(kind, payload.getSerializedSize(), Math::max);
    }
  }

  int largestRequest(String method) {
    return largestByMethod.getOrDefault(method, 0);
  }

  int largestPayload() {
    return largestPayloadByKind.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  Map<String, Integer> largestPayloads() {
    return Map.copyOf(largestPayloadByKind);
  }
}
