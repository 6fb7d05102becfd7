package org.winbackhub.journey;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.winbackhub.config.ConfigValueException;

/**
 * When a step goes out: only to contacts who did not open, click or buy since the earlier steps it
 * names ({@code if: {not_clicked: [survey]}}). A step whose condition fails is skipped, and the
 * next step counts its delay from when the skipped one was due.
 */
public record StepCondition(
    @JsonProperty("not_opened") List<String> notOpened,
    @JsonProperty("not_clicked") List<String> notClicked,
    @JsonProperty("not_bought") List<String> notBought) {

  /** What a contact did since a step: opened (a click counts as an open), clicked, bought. */
  public enum Response {
    OPENED("not_opened"),
    CLICKED("not_clicked"),
    BOUGHT("not_bought");

    private final String key;

    Response(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /** One part of a condition: no such response since these steps. */
  public record Part(Response response, List<String> steps) {}

  public StepCondition {
    notOpened = List.copyOf(notOpened == null ? List.of() : notOpened);
    notClicked = List.copyOf(notClicked == null ? List.of() : notClicked);
    notBought = List.copyOf(notBought == null ? List.of() : notBought);
    if (notOpened.isEmpty() && notClicked.isEmpty() && notBought.isEmpty()) {
      throw new ConfigValueException(
          "if: name the earlier steps of at least one of not_opened, not_clicked, not_bought,"
              + " e.g. {not_clicked: [survey]}");
    }
  }

  /** The parts, in the order not_opened, not_clicked, not_bought, leaving out the empty ones. */
  public List<Part> parts() {
    List<Part> parts = new ArrayList<>();
    if (!notOpened.isEmpty()) {
      parts.add(new Part(Response.OPENED, notOpened));
    }
    if (!notClicked.isEmpty()) {
      parts.add(new Part(Response.CLICKED, notClicked));
    }
    if (!notBought.isEmpty()) {
      parts.add(new Part(Response.BOUGHT, notBought));
    }
    return parts;
  }
}
