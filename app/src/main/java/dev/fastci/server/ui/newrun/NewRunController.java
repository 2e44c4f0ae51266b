package dev.fastci.server.ui.newrun;

import dev.fastci.server.runs.Branches;
import dev.fastci.server.runs.RunParameters;
import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.Trigger;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.SpecError;
import dev.fastci.spec.SpecFormat;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * New run: paste JSON or YAML or start from an example, give the run's branch and a value for each
 * parameter; errors show by path, inline, and nothing starts.
 */
@Controller
class NewRunController {
  static final String VIEW = "runs/new";
  static final String DEFAULT_TEMPLATE = "hello.json";

  private final RunService runs;
  private final ExampleTemplates examples;

  NewRunController(RunService runs, ExampleTemplates examples) {
    this.runs = runs;
    this.examples = examples;
  }

  @GetMapping("/runs/new")
  String form(@RequestParam(defaultValue = DEFAULT_TEMPLATE) String template, Model model) {
    String spec = examples.text(template).orElse("");
    model.addAttribute("templates", examples.names());
    model.addAttribute("template", template);
    model.addAttribute("spec", spec);
    model.addAttribute("parameters", ParameterFields.of(spec, Map.of()));
    return VIEW;
  }

  @PostMapping("/runs/new")
  String start(
      @RequestParam(defaultValue = "") String spec,
      @RequestParam(defaultValue = "") String branch,
      @RequestParam Map<String, String> form,
      Model model) {
    Map<String, String> params = RunParameters.fromQuery(form);
    try {
      Trigger manual = Trigger.of("manual");
      String id =
          runs.submit(
              spec, SpecFormat.AUTO, manual, manual.facts(Branches.checked(branch), null), params);
      return "redirect:/runs/" + id;
    } catch (InvalidSpecException e) {
      return again(spec, branch, params, e.errors(), model);
    } catch (IllegalArgumentException badBranch) {
      return again(
          spec, branch, params, List.of(new SpecError("branch", badBranch.getMessage())), model);
    }
  }

  /** The form again, with what was typed and every problem by path; nothing was started. */
  private String again(
      String spec, String branch, Map<String, String> params, List<SpecError> errors, Model model) {
    model.addAttribute("templates", examples.names());
    model.addAttribute("template", "");
    model.addAttribute("spec", spec);
    model.addAttribute("branch", branch);
    model.addAttribute("parameters", ParameterFields.of(spec, params));
    model.addAttribute("errors", errors);
    return VIEW;
  }
}
