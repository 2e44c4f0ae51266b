package dev.fastci.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastci.spec.PipelineSpec;
import dev.fastci.spec.PipelineSpecParser;
import dev.fastci.spec.RunVariables;
import dev.fastci.spec.SpecFormat;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the workflow and its activities exchange goes through Temporal's JSON converter unchanged,
 * whatever fields the spec uses: a field that does not survive would fail every run.
 */
class ContractPayloadsTest {
  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  private static final String EVERYTHING =
      "{'name':'all','parameters':{'T':{'default':'a','choices':['a','b']}},"
          + "'concurrency':{'group':'g-{{ git.branch }}'},"
          + "'notify':[{'webhook':'https://chat.example/hook','on':['failure'],'secret_header':'X_T'}],"
          + "'on':{'schedule':[{'cron':'0 3 * * *','branch':'main'}]},"
          + "'services':[{'name':'db','image':'fastci/postgres:15','ready':{'tcp':5432}}],"
          + "'setup_pipeline_dir':true,"
          + "'jobs':[{'name':'gate','approval':{'message':'go {{ params.T }}?'}},"
          + "{'name':'t','image':'i','command':'echo {{ matrix.v }}','matrix':{'v':[1,2]},"
          + "'services':['db'],'when':{'branch':'main','status':'always'},"
          + "'retry':{'max':2,'when':['failure:3']},'artifacts':['dist/**'],"
          + "'caches':[{'key':'k','path':'/c'}],'cache':true,'outputs':['o']}],"
          + "'parents':{'t':['gate']}}";

  @Test
  void aRunOfASpecUsingEveryFieldSurvivesTheConverter() {
    PipelineSpec spec =
        new PipelineSpecParser(PipelineSpecParser.DEFAULT_MAX_JOBS)
            .parseSpec(
                EVERYTHING.replace('\'', '"'),
                SpecFormat.JSON,
                RunVariables.of(Map.of("T", "b"), "main"));
    PipelineRun run = new PipelineRun("r", spec, 1).withConditionSkips(Map.of("t.v-1", "why"));

    PipelineRun back =
        CONVERTER.fromPayload(
            CONVERTER.toPayload(run).orElseThrow(), PipelineRun.class, PipelineRun.class);

    assertThat(back).isEqualTo(run);
  }
}
