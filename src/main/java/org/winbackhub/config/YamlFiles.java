package org.winbackhub.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.winbackhub.model.TimeSpan;

/**
 * Reads a YAML configuration file into a record, strictly: an unknown key, a wrong type or a value
 * a record rejects becomes a {@link ConfigException} with the file, line and key.
 */
public final class YamlFiles {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
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

  private static final Pattern LEADING_KEY = Pattern.compile("^([A-Za-z_][\\w.\\[\\]-]*):");
  private static final Pattern ENUM_VALUES =
      Pattern.compile("not one of the values accepted for Enum class: (\\[[^]]*])");

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
          e.getKnownPropertyIds().stream()
              .map(Object::toString)
              .sorted()
              .collect(Collectors.joining(", "));
      Integer at = keyLines(file).get(pointer(e));
      int line = at != null ? at : keyLine(file, String.valueOf(e.getPropertyName()));
      throw new ConfigException(
          name,
          line > 0 ? line : line(e.getLocation()),
          "unknown key '" + path(e) + "'; expected one of: " + known);
    } catch (JsonMappingException e) {
      YamlSyntax.rethrow(file, e);
      Map<String, Integer> lines = keyLines(file);
      // a misspelt key usually shows first as its correct twin "missing": name the misspelling
      ConfigException unknown = firstUnknownKey(file, MAPPER.constructType(type), lines);
      if (unknown != null) {
        throw unknown;
      }
      Throwable cause = e.getCause();
      String why =
          cause instanceof IllegalArgumentException || cause instanceof ConfigValueException
              ? cause.getMessage()
              : enumWords(e).orElse(e.getOriginalMessage().replaceAll("\\s*\\(for .*$", ""));
      String at = path(e).isEmpty() ? "" : "'" + path(e) + "': ";
      throw new ConfigException(name, valueLine(lines, pointer(e), why, e), at + why);
    } catch (JsonProcessingException e) {
      YamlSyntax.rethrow(file, e);
      throw new ConfigException(
          name, line(e.getLocation()), "not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(name, 0, "cannot be read: " + e.getMessage());
    }
  }

  /**
   * The line of the value a record refused. Records check their values only once the whole block is
   * read, so Jackson points at the block's end; the key the message names ("holdout: ...",
   * "send.template: ...") inside the failing block is where the value is.
   */
  private static int valueLine(
      Map<String, Integer> lines, String block, String why, JsonMappingException e) {
    Matcher named = LEADING_KEY.matcher(why);
    if (named.find()) {
      String key = named.group(1);
      key = key.substring(key.lastIndexOf('.') + 1).replaceAll("\\[.*$", "");
      Integer at = lines.get(block + "/" + key);
      if (at != null) {
        return at;
      }
    }
    Integer at = lines.get(block);
    if (at == null) {
      // a list item has no key of its own: its first key
      at =
          lines.entrySet().stream()
              .filter(k -> k.getKey().startsWith(block + "/"))
              .map(Map.Entry::getValue)
              .min(Integer::compare)
              .orElse(null);
    }
    return at != null ? at : line(e.getLocation());
  }

  /** A value that is none of an enum's words, said as "expected one of [...], got '...'". */
  private static Optional<String> enumWords(JsonMappingException e) {
    Matcher m = ENUM_VALUES.matcher(e.getOriginalMessage());
    return e instanceof InvalidFormatException f && m.find()
        ? Optional.of("expected one of " + m.group(1) + ", got '" + f.getValue() + "'")
        : Optional.empty();
  }

  /** The line of every key in the file, by JSON pointer ("/steps/0/send/template"). */
  public static Map<String, Integer> keyLines(Path file) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = MAPPER.getFactory().createParser(file.toFile())) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME) {
          lines.putIfAbsent(
              p.getParsingContext().pathAsPointer().toString(),
              p.currentTokenLocation().getLineNr());
        }
      }
    } catch (IOException e) {
      // the caller falls back to the parser's location
    }
    return lines;
  }

  /** The first key of the file that its record does not have, as Jackson would report it. */
  private static ConfigException firstUnknownKey(
      Path file, JavaType type, Map<String, Integer> lines) {
    try {
      return firstUnknownKey(file, MAPPER.readTree(file.toFile()), type, "", lines);
    } catch (IOException e) {
      return null;
    }
  }

  private static ConfigException firstUnknownKey(
      Path file, JsonNode node, JavaType type, String pointer, Map<String, Integer> lines) {
    if (node == null || type == null) {
      return null;
    }
    if ((type.isCollectionLikeType() || type.isArrayType()) && node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ConfigException found =
            firstUnknownKey(file, node.get(i), type.getContentType(), pointer + "/" + i, lines);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (type.isMapLikeType() && node.isObject()) {
      for (var field : node.properties()) {
        ConfigException found =
            firstUnknownKey(
                file,
                field.getValue(),
                type.getContentType(),
                pointer + "/" + field.getKey(),
                lines);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (!node.isObject() || !type.getRawClass().isRecord()) {
      return null;
    }
    Map<String, JavaType> known = new TreeMap<>();
    for (BeanPropertyDefinition property :
        MAPPER.getDeserializationConfig().introspect(type).findProperties()) {
      known.put(property.getName(), property.getPrimaryType());
    }
    for (var field : node.properties()) {
      String at = pointer + "/" + field.getKey();
      if (!known.containsKey(field.getKey())) {
        return new ConfigException(
            file.toString(),
            lines.getOrDefault(at, 0),
            "unknown key '"
                + dotted(at)
                + "'; expected one of: "
                + String.join(", ", known.keySet()));
      }
      ConfigException found =
          firstUnknownKey(file, field.getValue(), known.get(field.getKey()), at, lines);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** "/steps/0/send" as "steps[0].send", the way {@link #path} names keys. */
  private static String dotted(String pointer) {
    StringBuilder sb = new StringBuilder();
    for (String part : pointer.substring(1).split("/")) {
      if (part.matches("\\d+")) {
        sb.append('[').append(part).append(']');
      } else {
        sb.append(sb.length() > 0 ? "." : "").append(part);
      }
    }
    return sb.toString();
  }

  private static String pointer(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      sb.append('/')
          .append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
    }
    return sb.toString();
  }

  /**
   * The first line where {@code key} stands as a YAML key; Jackson reports records' unknown keys
   * late.
   */
  private static int keyLine(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      Pattern p =
          Pattern.compile(
              "^\\s*(- )?[\"']?" + java.util.regex.Pattern.quote(key) + "[\"']?\\s*:.*");
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
