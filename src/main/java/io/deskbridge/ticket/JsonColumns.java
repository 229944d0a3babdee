package io.deskbridge.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes the store's JSON text columns (attributes, event data). */
final class JsonColumns {

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private static final TypeReference<LinkedHashMap<String, String>> STRINGS =
      new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, Object>> VALUES =
      new TypeReference<>() {};

  private JsonColumns() {}

  static String write(Map<String, ?> map) {
    try {
      return JSON.writeValueAsString(map == null ? Map.of() : map);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON column", e);
    }
  }

  static Map<String, String> readStrings(String json) {
    return read(json, STRINGS);
  }

  static Map<String, Object> readValues(String json) {
    return read(json, VALUES);
  }

  private static <T extends Map<String, ?>> T read(String json, TypeReference<T> type) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt JSON column: " + e.getOriginalMessage(), e);
    }
  }
}
