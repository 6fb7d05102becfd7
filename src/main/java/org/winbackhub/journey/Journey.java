package org.winbackhub.journey;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.winbackhub.config.ConfigValueException;
import org.winbackhub.config.YamlFiles;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Lifecycle;
import org.winbackhub.model.TimeSpan;
import org.winbackhub.model.Treatment;

/**
 * A win-back journey as written in {@code config/journeys/*.yaml}: who enters, the control group,
 * when a contact may enter again, the send window, the steps, and how it ends. A journey without an
 * audience is entered only from another journey's {@code exit.nurture}.
 */
public record Journey(
    String id,
    String name,
    Audience audience,
    String holdout,
    TimeSpan reentry,
    String window,
    List<Step> steps,
    Exit exit) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern PERCENT = Pattern.compile("(\\d{1,2}(?:\\.\\d+)?)\\s*%");

  /**
   * Who may enter: contacts in these lifecycles, reachable and not opted out on the channel; with
   * {@code treatment}, only those treatments ({@code standard}, or {@code we_fixed_it} after a
   * complaint); with {@code behaviour}, only those behaviour classes ({@code regular}, {@code
   * discount_driven}, {@code one_off}, {@code none}: never bought); with {@code min_score} and
   * {@code max_score}, only contacts whose value score (0-100, how much they are worth winning
   * back) is at least, or at most, that much. Email sunset candidates (no click or open for months)
   * are included unless {@code sunset} says {@code exclude}; {@code only} takes just them.
   */
  public record Audience(
      List<Lifecycle> lifecycle,
      Channel consent,
      List<String> treatment,
      Sunset sunset,
      @JsonProperty("min_score") Integer minScore,
      List<String> behaviour,
      @JsonProperty("max_score") Integer maxScore) {
    public Audience {
      if (lifecycle == null || lifecycle.isEmpty()) {
        throw new ConfigValueException(
            "audience.lifecycle: list at least one lifecycle, e.g. [LAPSED]");
      }
      lifecycle = List.copyOf(lifecycle);
      treatment = words("audience.treatment", treatment, TREATMENTS);
      behaviour = words("audience.behaviour", behaviour, BEHAVIOURS);
      sunset = sunset == null ? Sunset.INCLUDE : sunset;
      if (minScore != null && (minScore < 0 || minScore > 100)) {
        throw new ConfigValueException(
            "audience.min_score: a score from 0 to 100, got " + minScore);
      }
      if (maxScore != null && (maxScore < 0 || maxScore > 100)) {
        throw new ConfigValueException(
            "audience.max_score: a score from 0 to 100, got " + maxScore);
      }
      if (minScore != null && maxScore != null && maxScore < minScore) {
        throw new ConfigValueException(
            "audience.max_score: " + maxScore + " is below min_score " + minScore);
      }
    }

    public Audience(
        List<Lifecycle> lifecycle,
        Channel consent,
        List<String> treatment,
        Sunset sunset,
        Integer minScore) {
      this(lifecycle, consent, treatment, sunset, minScore, null, null);
    }

    public Audience(List<Lifecycle> lifecycle, Channel consent) {
      this(lifecycle, consent, null, null, null, null, null);
    }

    private static List<String> words(String key, List<String> given, List<String> known) {
      List<String> list = given == null ? List.of() : List.copyOf(given);
      for (String w : list) {
        if (!known.contains(w)) {
          throw new ConfigValueException(key + ": expected " + known + ", got '" + w + "'");
        }
      }
      return list;
    }
  }

  static final List<String> TREATMENTS =
      Arrays.stream(Treatment.values()).map(Treatment::sql).toList();

  /** Behaviour classes an audience may name: the segment's, and {@code none} (never bought). */
  static final List<String> BEHAVIOURS = List.of("regular", "discount_driven", "one_off", "none");

  /** What a journey does with email sunset candidates. */
  public enum Sunset {
    @JsonProperty("exclude")
    EXCLUDE,
    @JsonProperty("include")
    INCLUDE,
    @JsonProperty("only")
    ONLY
  }

  /**
   * One message of the journey: sent {@code after} the previous step (the first: after entering),
   * or {@code after_entry} counted from entering; only {@code if} its condition holds; inside its
   * send window; split into {@code variants} when it has them.
   */
  public record Step(
      String id,
      TimeSpan after,
      @JsonProperty("after_entry") TimeSpan afterEntry,
      @JsonProperty("if") StepCondition when,
      String window,
      Send send,
      List<Variant> variants) {
    public Step {
      requireId("steps[].id", id);
      if (after != null && afterEntry != null) {
        throw new ConfigValueException(
            "after_entry: steps[" + id + "] has both after and after_entry; keep one");
      }
      if (after == null && afterEntry == null) {
        after = TimeSpan.parse("P0D");
      }
      if (send == null) {
        throw new ConfigValueException(
            "steps[" + id + "].send: missing; expected {channel, template}");
      }
      if (window != null) {
        SendWindow.parse(window);
      }
      variants = variants == null ? List.of() : List.copyOf(variants);
      checkVariants(id, send, variants);
    }

    public Step(String id, TimeSpan after, Send send) {
      this(id, after, null, null, null, send, null);
    }

    private static void checkVariants(String step, Send send, List<Variant> variants) {
      if (variants.isEmpty()) {
        return;
      }
      int total = variants.stream().mapToInt(Variant::share).sum();
      if (variants.size() < 2 || total != 100) {
        throw new ConfigValueException(
            "variants: steps["
                + step
                + "] has "
                + variants.size()
                + " variant(s) whose shares add up to "
                + total
                + "; expected two or more adding up to 100");
      }
      if (variants.stream().map(Variant::id).distinct().count() != variants.size()) {
        throw new ConfigValueException("variants: steps[" + step + "] repeats a variant id");
      }
      for (Variant v : variants) {
        if (send.channel() == Channel.SMS && v.subject() != null) {
          throw new ConfigValueException(
              "variants: steps[" + step + "] variant " + v.id() + ": an SMS has no subject");
        }
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
      if (channel == Channel.SMS && subject != null) {
        throw new ConfigValueException("send.subject: an SMS has no subject; remove it");
      }
      if (offer != null) {
        requireId("send.offer", offer);
      }
    }
  }

  public Journey {
    requireId("id", id);
    if (steps == null || steps.isEmpty()) {
      throw new ConfigValueException("steps: a journey needs at least one step");
    }
    steps = List.copyOf(steps);
    if (steps.stream().map(Step::id).distinct().count() != steps.size()) {
      throw new ConfigValueException("steps: step ids must be unique");
    }
    if (window != null) {
      SendWindow.parse(window);
    }
    if (exit == null) {
      exit = new Exit(null);
    }
    holdoutShare(holdout);
    if (name == null) {
      name = id;
    }
  }

  /** A journey without re-entry or a window of its own. */
  public Journey(
      String id, String name, Audience audience, String holdout, List<Step> steps, Exit exit) {
    this(id, name, audience, holdout, null, null, steps, exit);
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

  /** The channel the audience must be reachable on: the audience's consent, or the first step's. */
  public Channel channel() {
    return audience != null && audience.consent() != null
        ? audience.consent()
        : steps.get(0).send().channel();
  }

  /**
   * The window a step goes out in: its own, the journey's, or by channel (SMS: {@code sms},
   * 08:00-21:00; email: any hour).
   */
  public SendWindow window(Step step) {
    return window(step, SendWindow.PRESETS);
  }

  /** {@link #window(Step)} with the presets' hours as configured ({@code hub.send-window.*}). */
  public SendWindow window(Step step, Map<String, String> presets) {
    String w = step.window() != null ? step.window() : window;
    if (w != null) {
      return SendWindow.parse(w, presets);
    }
    return step.send().channel() == Channel.SMS ? SendWindow.parse("sms", presets) : SendWindow.ANY;
  }

  static void requireId(String key, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new ConfigValueException(
          key + ": expected lower-case letters, digits and dashes, got '" + id + "'");
    }
  }

  /** Reads a journey file; any mistake is a ConfigException with the file and line. */
  public static Journey load(Path file) {
    Journey journey = YamlFiles.read(file, Journey.class);
    JourneyRules.check(file, journey);
    return journey;
  }
}
