package org.winbackhub.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One provider's HTTP API as the demo's loopback server answers it: the request read, the
 * provider's documented answer written, and the messages it took counted. Each subclass checks the
 * credentials and the fields the provider requires and answers as the provider's documentation
 * shows, in the shape the hub's own answer parsers read.
 */
abstract class ProviderPeer implements HttpHandler {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A request as a peer reads it: the query and the body already decoded to text. */
  record Request(String method, String path, String query, Headers headers, String body) {
    /** The query, or the body, as form fields (UTF-8); the first value of each name. */
    static Map<String, String> form(String encoded) {
      Map<String, String> fields = new LinkedHashMap<>();
      if (encoded == null || encoded.isEmpty()) {
        return fields;
      }
      for (String pair : encoded.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        fields.putIfAbsent(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
      return fields;
    }

    /** The user and password of HTTP Basic authentication (RFC 7617), or null. */
    String[] basic() {
      String auth = headers.getFirst("Authorization");
      if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
        return null;
      }
      try {
        String pair =
            new String(
                Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon < 0
            ? null
            : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
      } catch (IllegalArgumentException notBase64) {
        return null;
      }
    }
  }

  /** An answer: status, content type (null: none), body (null or empty: none), extra headers. */
  record Answer(int status, String contentType, String body, Map<String, String> headers) {
    static Answer json(int status, String body) {
      return new Answer(status, "application/json; charset=utf-8", body, Map.of());
    }

    static Answer text(int status, String body) {
      return new Answer(status, "text/plain; charset=utf-8", body, Map.of());
    }
  }

  private final String name;
  private final AtomicInteger received = new AtomicInteger();

  ProviderPeer(String name) {
    this.name = name;
  }

  /** The key of this provider in {@link LocalPeers#received()}. */
  final String name() {
    return name;
  }

  final int received() {
    return received.get();
  }

  /** Counts {@code messages} taken. */
  final void took(int messages) {
    received.addAndGet(messages);
  }

  /** The provider's answer to {@code request}; counts what it took. */
  abstract Answer answer(Request request) throws IOException;

  @Override
  public final void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Answer a;
      try {
        a =
            answer(
                new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      } catch (RuntimeException | IOException e) {
        a = Answer.text(500, "demo " + name + " peer failed: " + e.getClass().getSimpleName());
      }
      Headers out = exchange.getResponseHeaders();
      if (a.contentType() != null) {
        out.set("Content-Type", a.contentType());
      }
      a.headers().forEach(out::set);
      byte[] body = a.body() == null ? new byte[0] : a.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    }
  }

  /** Compares a secret in constant time; null never matches. */
  static boolean same(String given, String expected) {
    return given != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
