package dev.fastci.client;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.filter.v1.WorkflowExecutionFilter;
import io.temporal.api.history.v1.History;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.ArrayList;
import java.util.List;

/** The executions a Temporal service holds and their event histories, read page by page. */
final class TemporalHistories {
  private static final int PAGE = 1000;

  private TemporalHistories() {}

  /** Every execution of one run (workflow id), or of all runs when the id is null. */
  static List<WorkflowExecutionInfo> executions(WorkflowClient client, String runId, boolean open) {
    WorkflowServiceStubs stubs = client.getWorkflowServiceStubs();
    String namespace = client.getOptions().getNamespace();
    List<WorkflowExecutionInfo> all = new ArrayList<>();
    ByteString token = ByteString.EMPTY;
    do {
      if (open) {
        ListOpenWorkflowExecutionsRequest.Builder request =
            ListOpenWorkflowExecutionsRequest.newBuilder()
                .setNamespace(namespace)
                .setMaximumPageSize(PAGE)
                .setNextPageToken(token);
        if (runId != null) {
          request.setExecutionFilter(WorkflowExecutionFilter.newBuilder().setWorkflowId(runId));
        }
        var answer = stubs.blockingStub().listOpenWorkflowExecutions(request.build());
        all.addAll(answer.getExecutionsList());
        token = answer.getNextPageToken();
      } else {
        ListClosedWorkflowExecutionsRequest.Builder request =
            ListClosedWorkflowExecutionsRequest.newBuilder()
                .setNamespace(namespace)
                .setMaximumPageSize(PAGE)
                .setNextPageToken(token);
        if (runId != null) {
          request.setExecutionFilter(WorkflowExecutionFilter.newBuilder().setWorkflowId(runId));
        }
        var answer = stubs.blockingStub().listClosedWorkflowExecutions(request.build());
        all.addAll(answer.getExecutionsList());
        token = answer.getNextPageToken();
      }
    } while (!token.isEmpty());
    return all;
  }

  /** The whole event history of one execution. */
  static History history(WorkflowClient client, WorkflowExecution execution) {
    History.Builder history = History.newBuilder();
    ByteString token = ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse page =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(execution)
                      .setMaximumPageSize(PAGE)
                      .setNextPageToken(token)
                      .build());
      history.addAllEvents(page.getHistory().getEventsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return history.build();
  }
}
