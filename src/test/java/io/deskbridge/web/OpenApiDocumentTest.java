package io.deskbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document partner developers read is served without a token and documents every route
 * of {@code /api/v1} the gateway answers, and no route it does not.
 */
class OpenApiDocumentTest {

  @TempDir static Path config;
  @TempDir static Path data;

  static RunningGateway gateway;

  @BeforeAll
  static void start() {
    GatewayConfigFiles.standard(config).partner("acme", "rest");
    gateway = RunningGateway.start(config, data, Map.of());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void documentIsServedWithoutAToken() {
    var answer = gateway.as(null).get("/api/v1/openapi.json");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("openapi").asText()).startsWith("3.");
  }

  @Test
  void documentNamesExactlyTheRoutesTheGatewayAnswers() {
    // Given every route the gateway has under /api/v1
    TreeSet<String> routes = new TreeSet<>();
    RequestMappingHandlerMapping mapping =
        gateway.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
      for (String path : info.getPatternValues()) {
        if (path.startsWith("/api/v1/")) {
          info.getMethodsCondition().getMethods().forEach(m -> routes.add(m.name() + " " + path));
        }
      }
    }

    // When the document is read
    JsonNode paths = gateway.as(null).get("/api/v1/openapi.json").json().get("paths");
    TreeSet<String> documented = new TreeSet<>();
    paths
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (!method.equals("parameters")) {
                            documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                          }
                        }));

    // Then both lists are the same
    List<String> undocumented = new ArrayList<>(routes);
    undocumented.removeAll(documented);
    List<String> absent = new ArrayList<>(documented);
    absent.removeAll(routes);
    assertThat(undocumented).as("routes missing from the document").isEmpty();
    assertThat(absent).as("documented routes the gateway does not answer").isEmpty();
  }
}
