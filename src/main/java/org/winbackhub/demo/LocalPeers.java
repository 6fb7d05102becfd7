package org.winbackhub.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The providers the demo sends to, in this process on loopback: one HTTP server answering as
 * SendGrid ({@code /v3/mail/send}), Twilio ({@code /2010-04-01/Accounts/...}), Kannel ({@code
 * /cgi-bin/sendsms}) and a JSON SMS gateway ({@code /sms}), each as its documentation shows, and an
 * SMPP SMSC. {@link #hubProperties()} points the hub at them with the credentials they take; {@link
 * #received()} says how many messages each took. Which provider the hub sends through is the demo's
 * choice, not set here.
 */
public final class LocalPeers implements AutoCloseable {
  static final String LOOPBACK = "127.0.0.1";
  static final String SENDGRID_API_KEY = "SG.demo.local-peers-key";
  static final String TWILIO_ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
  static final String TWILIO_AUTH_TOKEN = "0123456789abcdef0123456789abcdef";
  static final String KANNEL_USERNAME = "winback";
  static final String KANNEL_PASSWORD = "demo-kannel";
  static final String GATEWAY_AUTHORIZATION = "Bearer demo-gateway-token";
  // SMPP 3.4: a system_id of at most 15 characters, a password of at most 8
  static final String SMPP_SYSTEM_ID = "winback";
  static final String SMPP_PASSWORD = "demo-pw";

  private final HttpServer http;
  private final ExecutorService httpThreads;
  private final List<ProviderPeer> providers;
  private final DemoSmsc smsc;

  private LocalPeers(
      HttpServer http, ExecutorService httpThreads, List<ProviderPeer> providers, DemoSmsc smsc) {
    this.http = http;
    this.httpThreads = httpThreads;
    this.providers = providers;
    this.smsc = smsc;
  }

  /** Starts every peer on a free loopback port. */
  public static LocalPeers start() throws IOException {
    List<ProviderPeer> providers =
        List.of(
            new SendGridPeer(SENDGRID_API_KEY),
            new TwilioPeer(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN),
            new KannelPeer(KANNEL_USERNAME, KANNEL_PASSWORD),
            new JsonGatewayPeer(GATEWAY_AUTHORIZATION));
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0), 0);
    http.createContext(SendGridPeer.PATH, providers.get(0));
    http.createContext(TwilioPeer.PREFIX, providers.get(1));
    http.createContext(KannelPeer.PATH, providers.get(2));
    http.createContext(JsonGatewayPeer.PATH, providers.get(3));
    ExecutorService threads =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "demo-provider");
              t.setDaemon(true);
              return t;
            });
    http.setExecutor(threads);
    DemoSmsc smsc;
    try {
      smsc = new DemoSmsc(SMPP_SYSTEM_ID, SMPP_PASSWORD);
    } catch (IOException | RuntimeException e) {
      http.stop(0);
      threads.shutdownNow();
      throw e;
    }
    http.start();
    return new LocalPeers(http, threads, providers, smsc);
  }

  /** The HTTP peers' base URL, {@code http://127.0.0.1:PORT}. */
  public String baseUrl() {
    InetSocketAddress a = http.getAddress();
    return "http://" + LOOPBACK + ":" + a.getPort();
  }

  /** The messages each peer took: sendgrid, twilio, kannel, http-json, smpp. */
  public Map<String, Integer> received() {
    Map<String, Integer> out = new LinkedHashMap<>();
    providers.forEach(p -> out.put(p.name(), p.received()));
    out.put("smpp", smsc.received());
    return out;
  }

  /**
   * The hub's properties that send each provider's messages here, with the credentials these peers
   * take. Neither {@code hub.email.provider} nor {@code hub.sms.provider} nor the sender.
   */
  public Map<String, String> hubProperties() {
    String base = baseUrl();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("hub.sendgrid.base-url", base);
    p.put("hub.sendgrid.api-key", SENDGRID_API_KEY);
    p.put("hub.sms.twilio.base-url", base);
    p.put("hub.sms.twilio.account-sid", TWILIO_ACCOUNT_SID);
    p.put("hub.sms.twilio.auth-token", TWILIO_AUTH_TOKEN);
    p.put("hub.sms.kannel.base-url", base);
    p.put("hub.sms.kannel.username", KANNEL_USERNAME);
    p.put("hub.sms.kannel.password", KANNEL_PASSWORD);
    p.put("hub.sms.http-json.url", base + JsonGatewayPeer.PATH);
    p.put("hub.sms.http-json.auth-header", "Authorization");
    p.put("hub.sms.http-json.auth-token", GATEWAY_AUTHORIZATION);
    p.put("hub.sms.http-json.message-id-pointer", "/id");
    p.put("hub.sms.smpp.host", LOOPBACK);
    p.put("hub.sms.smpp.port", String.valueOf(smsc.port()));
    p.put("hub.sms.smpp.system-id", SMPP_SYSTEM_ID);
    p.put("hub.sms.smpp.password", SMPP_PASSWORD);
    return p;
  }

  @Override
  public void close() throws IOException {
    try {
      http.stop(0);
      httpThreads.shutdownNow();
    } finally {
      smsc.close();
    }
  }
}
