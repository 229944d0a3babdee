package io.deskbridge.config;

import java.util.List;
import java.util.stream.Collectors;

/** Configuration that cannot be used, with every problem found, not only the first. */
public class ConfigurationException extends RuntimeException {

  private final transient List<ConfigProblem> problems;

  public ConfigurationException(List<ConfigProblem> problems) {
    super(
        problems.size()
            + " configuration problem(s):\n"
            + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
