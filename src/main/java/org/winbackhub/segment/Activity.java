package org.winbackhub.segment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import org.winbackhub.model.EventType;

/** The activities a business can count. */
public enum Activity {
  @JsonProperty("purchase")
  PURCHASE(EventType.PURCHASE),
  @JsonProperty("visit")
  VISIT(EventType.VISIT),
  @JsonProperty("click")
  CLICK(EventType.EMAIL_CLICKED, EventType.SMS_CLICKED),
  @JsonProperty("open")
  OPEN(EventType.EMAIL_OPENED),
  @JsonProperty("login")
  LOGIN(EventType.LOGIN),
  @JsonProperty("crm_activity")
  CRM_ACTIVITY(EventType.ACTIVITY);

  private final List<EventType> events;

  Activity(EventType... events) {
    this.events = List.of(events);
  }

  public List<EventType> events() {
    return events;
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
