package dev.fastci.worker;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;

/**
 * Keeps the embedded Temporal from pinning a workflow to the worker that ran its last task (a
 * sticky queue). A real Temporal cluster moves a workflow off the sticky queue of a worker that
 * died; the Java test server never does, so a workflow last served by a killed worker process would
 * wait forever. Without sticky queues, every workflow task goes to the shared queue, and whichever
 * worker takes it replays the workflow from its history.
 */
final class NoStickyQueues implements ServerInterceptor {
  private static final String COMPLETED =
      WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod().getFullMethodName();

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    ServerCall.Listener<Q> listener = next.startCall(call, headers);
    if (!call.getMethodDescriptor().getFullMethodName().equals(COMPLETED)) {
      return listener;
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      @SuppressWarnings("unchecked")
      public void onMessage(Q message) {
        super.onMessage(
            (Q)
                ((RespondWorkflowTaskCompletedRequest) message)
                    .toBuilder().clearStickyAttributes().build());
      }
    };
  }
}
