package dev.fastci.server.schedules;

import dev.fastci.client.ScheduleClient;
import dev.fastci.server.runs.ServerQueueService;
import dev.fastci.worker.Engine;
import dev.fastci.workflow.schedule.ScheduleWorkflowImpl;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The schedules' workflows and their fire activity run in the server, on {@code fastci-server}. */
@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

  @Bean
  ScheduleClient scheduleClient(Engine engine) {
    return new ScheduleClient(engine.clients());
  }

  @Bean
  ServerQueueService scheduleQueue(ScheduleFiring firing) {
    return new ServerQueueService() {
      @Override
      public List<Class<?>> workflowTypes() {
        return List.of(ScheduleWorkflowImpl.class);
      }

      @Override
      public List<Object> activities() {
        return List.of(firing);
      }
    };
  }
}
