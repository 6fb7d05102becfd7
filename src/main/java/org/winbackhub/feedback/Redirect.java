package org.winbackhub.feedback;

/** The HTTP answer to a tracked click: a redirect to a known target, or a plain refusal. */
public record Redirect(int status, String location, String message) {
  public static Redirect to(String location) {
    return new Redirect(302, location, "");
  }

  public static Redirect notFound() {
    return new Redirect(404, null, "This link is not valid.");
  }
}
