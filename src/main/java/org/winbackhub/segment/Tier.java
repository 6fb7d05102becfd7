package org.winbackhub.segment;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.winbackhub.model.Lifecycle;

/** The inactivity tiers, from the mildest to the deepest. */
public enum Tier {
  @JsonProperty("at_risk")
  AT_RISK(Lifecycle.AT_RISK),
  @JsonProperty("lapsed")
  LAPSED(Lifecycle.LAPSED),
  @JsonProperty("dormant")
  DORMANT(Lifecycle.DORMANT);

  private final Lifecycle lifecycle;

  Tier(Lifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  public Lifecycle lifecycle() {
    return lifecycle;
  }
}
