package org.winbackhub.journey;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.winbackhub.config.ConfigValueException;
import org.winbackhub.config.YamlFiles;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Lifecycle;
import org.winbackhub.model.TimeSpan;
import org.winbackhub.model.Treatment;

/** A win-back journey as written in {@code config/journeys/*.yaml}. */
public record Journey(
    String id, String name, Audience audience, String holdout, List<Step> steps, Exit exit) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern PERCENT = Pattern.compile("(\\d{1,2}(?:\\.\\d+)?)\\s*%");

  /**
   * Who may enter: contacts in these lifecycles, reachable and not opted out on the channel; with
   * {@code treatment}, only those treatments ({@code standard}, or {@code we_fixed_it} after a
   * complaint); with {@code min_score}, only contacts worth at least that much to win back. Email
   * sunset candidates (no click or open for months) are included unless {@code sunset} says {@code
   * exclude}; {@code only} takes just them (a last re-permission message).
   */
  public record Audience(
      List<Lifecycle> lifecycle,
      Channel consent,
      List<String> treatment,
      Sunset sunset,
      @JsonProperty("min_score") Integer minScore) {
    public Audience {
      if (lifecycle == null || lifecycle.isEmpty()) {
        throw new ConfigValueException(
            "audience.lifecycle: list at least one lifecycle, e.g. [LAPSED]");
      }
      lifecycle = List.copyOf(lifecycle);
      treatment = treatment == null ? List.of() : List.copyOf(treatment);
      for (String t : treatment) {
        if (!TREATMENTS.contains(t)) {
          throw new ConfigValueException(
              "audience.treatment: expected " + TREATMENTS + ", got '" + t + "'");
        }
      }
      sunset = sunset == null ? Sunset.INCLUDE : sunset;
      if (minScore != null && (minScore < 0 || minScore > 100)) {
        throw new ConfigValueException(
            "audience.min_score: a score from 0 to 100, got " + minScore);
      }
    }

    public Audience(List<Lifecycle> lifecycle, Channel consent) {
      this(lifecycle, consent, null, null, null);
    }
  }

  static final List<String> TREATMENTS =
      Arrays.stream(Treatment.values()).map(Treatment::sql).toList();

  /** What a journey does with email sunset candidates. */
  public enum Sunset {
    @JsonProperty("exclude")
    EXCLUDE,
    @JsonProperty("include")
    INCLUDE,
    @JsonProperty("only")
    ONLY
  }

  /** One message of the journey, sent {@code after} the previous step (or enrollment). */
  public record Step(String id, TimeSpan after, Send send) {
    public Step {
      requireId("steps[].id", id);
      if (after == null) {
        after = TimeSpan.parse("P0D");
      }
      if (send == null) {
        throw new ConfigValueException(
            "steps[" + id + "].send: missing; expected {channel, template}");
      }
    }
  }

  /**
   * What a step sends: the channel, the template, an email's subject, and optionally the offer (the
   * name of the coupon pool a code is taken from when the message is composed).
   */
  public record Send(Channel channel, String template, String subject, String offer) {
    public Send(Channel channel, String template, String subject) {
      this(channel, template, subject, null);
    }

    public Send {
      if (channel == null) {
        throw new ConfigValueException("send.channel: missing; expected email or sms");
      }
      if (template == null || !template.matches("[a-z0-9][a-z0-9/_-]*")) {
        throw new ConfigValueException(
            "send.template: expected a template path such as email/we-miss-you, got '"
                + template
                + "'");
      }
      if (channel == Channel.EMAIL && (subject == null || subject.isBlank())) {
        throw new ConfigValueException("send.subject: an email step needs a subject");
      }
      if (offer != null) {
        requireId("send.offer", offer);
      }
    }
  }

  /** How long after the last step a contact with no response counts as exhausted. */
  public record Exit(TimeSpan after) {
    public Exit {
      if (after == null) {
        after = TimeSpan.parse("P14D");
      }
    }
  }

  public Journey {
    requireId("id", id);
    if (audience == null) {
      throw new ConfigValueException(
          "audience: missing; expected {lifecycle: [...], consent: email}");
    }
    if (steps == null || steps.isEmpty()) {
      throw new ConfigValueException("steps: a journey needs at least one step");
    }
    steps = List.copyOf(steps);
    if (steps.stream().map(Step::id).distinct().count() != steps.size()) {
      throw new ConfigValueException("steps: step ids must be unique");
    }
    if (exit == null) {
      exit = new Exit(null);
    }
    holdoutShare(holdout);
    if (name == null) {
      name = id;
    }
  }

  /** The control group's share, 0 to 0.5, from "10%". */
  public double holdoutShare() {
    return holdoutShare(holdout);
  }

  private static double holdoutShare(String holdout) {
    if (holdout == null || holdout.isBlank()) {
      return 0;
    }
    Matcher m = PERCENT.matcher(holdout.trim());
    double share = m.matches() ? Double.parseDouble(m.group(1)) / 100 : -1;
    if (share < 0 || share > 0.5) {
      throw new ConfigValueException(
          "holdout: expected a percentage from 0% to 50%, got '" + holdout + "'");
    }
    return share;
  }

  /** The channel the audience must be reachable on: the first step's. */
  public Channel channel() {
    return audience.consent() != null ? audience.consent() : steps.get(0).send().channel();
  }

  private static void requireId(String key, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new ConfigValueException(
          key + ": expected lower-case letters, digits and dashes, got '" + id + "'");
    }
  }

  public static Journey load(Path file) {
    return YamlFiles.read(file, Journey.class);
  }
}
