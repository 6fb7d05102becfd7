package org.winbackhub.journey;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.winbackhub.config.ConfigValueException;
import org.winbackhub.model.TimeSpan;

/**
 * How a run ends besides a purchase (which always ends it, REACTIVATED): what a click without a
 * purchase does, the nurture journey a clicker moves to, how long after the last step a contact
 * with no response is let go ({@code after}), and what is done to them then ({@code done}).
 */
public record Exit(TimeSpan after, ClickExit click, String nurture, EndAction done) {

  /** What a click without a purchase does to a run. */
  public enum ClickExit {
    /** The run ends, ENGAGED (the default without {@code nurture}). */
    @JsonProperty("end")
    END,
    /** The run goes on; the steps' conditions decide who gets what. */
    @JsonProperty("continue")
    CONTINUE,
    /** The run ends, ENGAGED, and the contact enters the {@code nurture} journey. */
    @JsonProperty("nurture")
    NURTURE
  }

  /** What is done to a contact who did not respond by the end of the run. */
  public enum EndAction {
    @JsonProperty("none")
    NONE,
    /** Their email address goes on the suppression list (reason SUNSET): no more mail. */
    @JsonProperty("email_sunset")
    EMAIL_SUNSET,
    /** Their phone number goes on the suppression list (reason UNSUBSCRIBED): no more SMS. */
    @JsonProperty("sms_unsubscribe")
    SMS_UNSUBSCRIBE
  }

  public Exit {
    if (after == null) {
      after = TimeSpan.parse("P14D");
    }
    if (nurture != null) {
      Journey.requireId("exit.nurture", nurture);
    }
    if (click == null) {
      click = nurture != null ? ClickExit.NURTURE : ClickExit.END;
    }
    if (click == ClickExit.NURTURE && nurture == null) {
      throw new ConfigValueException(
          "exit.click: nurture needs exit.nurture, the id of the journey clickers move to");
    }
    if (click != ClickExit.NURTURE && nurture != null) {
      throw new ConfigValueException(
          "exit.click: "
              + click.name().toLowerCase()
              + " sends no one to nurture "
              + nurture
              + "; write click: nurture, or remove nurture");
    }
    if (done == null) {
      done = EndAction.NONE;
    }
  }

  public Exit(TimeSpan after) {
    this(after, null, null, null);
  }
}
