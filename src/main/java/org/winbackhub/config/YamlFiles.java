package org.winbackhub.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.winbackhub.model.TimeSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a YAML configuration file into a record, strictly: an unknown key, a wrong type or a
 * value a record rejects becomes a {@link ConfigException} with the file, line and key.
 */
public final class YamlFiles {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .registerModule(
              new SimpleModule()
                  .addDeserializer(
                      TimeSpan.class,
                      new StdDeserializer<TimeSpan>(TimeSpan.class) {
                        @Override
                        public TimeSpan deserialize(JsonParser p, DeserializationContext ctx)
                            throws IOException {
                          try {
                            return TimeSpan.parse(p.getValueAsString());
                          } catch (IllegalArgumentException e) {
                            throw JsonMappingException.from(p, e.getMessage(), e);
                          }
                        }
                      }));

  private YamlFiles() {}

  public static <T> T read(Path file, Class<T> type) {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(name, 0, "file not found");
    }
    try {
      T value = MAPPER.readValue(file.toFile(), type);
      if (value == null) {
        throw new ConfigException(name, 0, "the file is empty");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      String known =
          e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
      int line = keyLine(file, String.valueOf(e.getPropertyName()));
      throw new ConfigException(
          name,
          line > 0 ? line : line(e.getLocation()),
          "unknown key '" + path(e) + "'; expected one of: " + known);
    } catch (JsonMappingException e) {
      Throwable cause = e.getCause();
      String why =
          cause instanceof IllegalArgumentException || cause instanceof ConfigValueException
              ? cause.getMessage()
              : e.getOriginalMessage().replaceAll("\\s*\\(for .*$", "");
      throw new ConfigException(name, line(e.getLocation()), "'" + path(e) + "': " + why);
    } catch (JsonProcessingException e) {
      throw new ConfigException(name, line(e.getLocation()), "not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(name, 0, "cannot be read: " + e.getMessage());
    }
  }

  /** The first line where {@code key} stands as a YAML key; Jackson reports records' unknown keys late. */
  private static int keyLine(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      java.util.regex.Pattern p =
          java.util.regex.Pattern.compile("^\\s*(- )?[\"']?" + java.util.regex.Pattern.quote(key) + "[\"']?\\s*:.*");
      for (int i = 0; i < lines.size(); i++) {
        if (p.matcher(lines.get(i)).matches()) {
          return i + 1;
        }
      }
    } catch (IOException ignored) {
      // fall back to the parser's location
    }
    return 0;
  }

  private static int line(JsonLocation location) {
    return location == null ? 0 : location.getLineNr();
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}
