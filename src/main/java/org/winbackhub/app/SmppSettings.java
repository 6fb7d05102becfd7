package org.winbackhub.app;

import java.time.Duration;
import org.winbackhub.channel.sms.smpp.SmppAddress;
import org.winbackhub.channel.sms.smpp.SmppBind;

/**
 * The SMPP session's settings (hub.sms.provider = smpp; docs/CONFIGURATION.md, "SMS"): the SMSC,
 * the account (the password from the environment, HUB_SMS_SMPP_PASSWORD), the bind type, the
 * keep-alive, the rebind backoff and the most submit_sm a second. A bind waits {@code
 * hub.sms.connect-timeout}, an answer to a submit_sm {@code hub.sms.read-timeout} (then:
 * UNCERTAIN), as for every SMS provider.
 */
final class SmppSettings {
  private SmppSettings() {}

  static SmppBind of(Settings s, SmsSettings sms) {
    try {
      SmppAddress.of(sms.from());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("hub.sms.from: " + e.getMessage(), e);
    }
    String bindType = s.optional("hub.sms.smpp.bind-type", "transceiver").trim();
    if (!bindType.equals("transceiver") && !bindType.equals("transmitter")) {
      throw new IllegalArgumentException(
          "hub.sms.smpp.bind-type: expected transceiver or transmitter, got '" + bindType + "'");
    }
    Duration rebind = s.duration("hub.sms.smpp.rebind-delay", "PT1S");
    Duration maxRebind = s.duration("hub.sms.smpp.max-rebind-delay", "PT1M");
    return new SmppBind(
        required(s, "hub.sms.smpp.host"),
        s.integer("hub.sms.smpp.port", 2775, 1),
        required(s, "hub.sms.smpp.system-id"),
        required(s, "hub.sms.smpp.password"),
        s.optional("hub.sms.smpp.system-type", ""),
        bindType.equals("transceiver"),
        sms.connectTimeout(),
        sms.readTimeout(),
        s.duration("hub.sms.smpp.enquire-link", "PT30S"),
        rebind,
        maxRebind.compareTo(rebind) < 0 ? rebind : maxRebind,
        s.integer("hub.sms.smpp.max-per-second", 0, 0));
  }

  private static String required(Settings s, String key) {
    String v = s.optional(key, "").trim();
    if (v.isEmpty()) {
      throw SmsSettings.missing("smpp", key, "");
    }
    if (key.endsWith("system-id") && v.length() > 15) {
      throw new IllegalArgumentException(
          key + ": at most 15 characters (SMPP 3.4 system_id), got " + v.length());
    }
    if (key.endsWith("password") && v.length() > 8) {
      throw new IllegalArgumentException(
          key + ": at most 8 characters (SMPP 3.4 password), got " + v.length());
    }
    return v;
  }
}
