package org.winbackhub.app;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.winbackhub.tracking.LinkTargets;
import org.winbackhub.tracking.TrackingToken;

/** The signed links: the channel puts them in messages, feedback verifies them when clicked. */
public final class TrackingBeans implements CamelConfiguration {

  @BindToRegistry("hubTrackingToken")
  public TrackingToken trackingToken(Settings s) {
    if (s.bool("hub.secrets.required", false)) {
      for (String key :
          new String[] {"hub.tracking.secret", "hub.store.password", "hub.smtp.password"}) {
        s.get(key); // fails naming the key and its env variable when it is empty
      }
    }
    return new TrackingToken(
        TrackingSecret.resolve(s.optional("hub.tracking.secret", ""), s.path("hub.data-dir")));
  }

  @BindToRegistry("hubLinks")
  public LinkTargets links(Settings s) {
    return new LinkTargets(s.get("hub.public-url"), s.withPrefix("hub.links."));
  }
}
