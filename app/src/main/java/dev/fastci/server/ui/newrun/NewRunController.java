package dev.fastci.server.ui.newrun;

import dev.fastci.server.runs.RunService;
import dev.fastci.server.runs.Trigger;
import dev.fastci.spec.InvalidSpecException;
import dev.fastci.spec.SpecFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** New run: paste JSON or YAML or start from an example; errors show by path, inline. */
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
    model.addAttribute("templates", examples.names());
    model.addAttribute("template", template);
    model.addAttribute("spec", examples.text(template).orElse(""));
    return VIEW;
  }

  @PostMapping("/runs/new")
  String start(@RequestParam(defaultValue = "") String spec, Model model) {
    try {
      String id = runs.submit(spec, SpecFormat.AUTO, Trigger.of("manual"));
      return "redirect:/runs/" + id;
    } catch (InvalidSpecException e) {
      model.addAttribute("templates", examples.names());
      model.addAttribute("template", "");
      model.addAttribute("spec", spec);
      model.addAttribute("errors", e.errors());
      return VIEW;
    }
  }
}
