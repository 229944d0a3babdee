package io.deskbridge;

import io.deskbridge.config.ConfigProblem;
import io.deskbridge.config.ConfigurationException;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows configuration problems at start-up as a plain list of file:line: field: message. */
public class ConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
    String problems =
        cause.problems().stream()
            .map(ConfigProblem::toString)
            .collect(Collectors.joining("\n  ", "  ", ""));
    return new FailureAnalysis(
        "The gateway's configuration has " + cause.problems().size() + " problem(s):\n" + problems,
        "Fix the files named above; 'java -jar deskbridge.jar validate --config-dir DIR' checks them"
            + " without starting the gateway.",
        cause);
  }
}
