package org.winbackhub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.winbackhub.channel.ProviderFailure;
import org.winbackhub.channel.SendFailure;
import org.winbackhub.channel.email.EmailMessage;
import org.winbackhub.channel.email.sendgrid.SendGridAnswer;
import org.winbackhub.channel.email.sendgrid.SendGridBatch;
import org.winbackhub.channel.email.sendgrid.SendGridRequest;
import org.winbackhub.channel.sms.SmsMessage;
import org.winbackhub.channel.sms.SmsSegments;
import org.winbackhub.channel.sms.httpjson.JsonGatewayAnswer;
import org.winbackhub.channel.sms.httpjson.JsonGatewayRequest;
import org.winbackhub.channel.sms.kannel.KannelAnswer;
import org.winbackhub.channel.sms.kannel.KannelRequest;
import org.winbackhub.channel.sms.smpp.SmppSubmit;
import org.winbackhub.channel.sms.twilio.TwilioAnswer;
import org.winbackhub.channel.sms.twilio.TwilioRequest;
import org.winbackhub.model.Channel;
import org.winbackhub.model.OutboxMessage;

/**
 * The demo's provider peers answer requests built by the hub's own request classes in the shape the
 * hub's own answer parsers accept, refuse wrong credentials as the providers do, count what they
 * took, and name properties the hub reads.
 */
class LocalPeersTest {
  private static final String LONG_TEXT =
      "Te echamos de menos. Vuelve esta semana y llevate un 15% en tu proxima compra en la"
          + " tienda: el codigo VUELVE15 vale hasta el domingo en todos los productos de temporada"
          + " y en los accesorios.";

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private LocalPeers peers;
  private Map<String, String> hub;

  @BeforeEach
  void start() throws IOException {
    peers = LocalPeers.start();
    hub = peers.hubProperties();
  }

  @AfterEach
  void stop() throws IOException {
    peers.close();
  }

  @Test
  void sendgrid_accepts_a_batch_with_its_message_id_and_counts_each_personalization()
      throws Exception {
    String body =
        SendGridRequest.json(
            new SendGridBatch(
                List.of(entry(1, "ana@example.com"), entry(2, "bea@example.com")),
                "Tienda <hola@tienda.example>",
                "<p>Hola</p>",
                "Hola"));

    SendGridAnswer ok = sendGrid(body, hub.get("hub.sendgrid.api-key"));
    assertThat(ok.status()).isEqualTo(202);
    assertThat(ok.kind()).isEqualTo(SendGridAnswer.Kind.ACCEPTED);
    assertThat(ok.messageId()).matches("[A-Za-z0-9_-]{22}");
    assertThat(ok.body()).isEmpty();

    SendGridAnswer refused = sendGrid(body, "SG.wrong");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.kind()).isEqualTo(SendGridAnswer.Kind.REFUSED_HUB);
    assertThat(refused.reason())
        .isEqualTo(
            "SendGrid answered 401: The provided authorization grant is invalid, expired, or"
                + " revoked");
    assertThat(peers.received()).containsEntry("sendgrid", 2);
  }

  @Test
  void twilio_creates_a_queued_message_with_an_sm_sid_for_the_account_credentials()
      throws Exception {
    String sid = hub.get("hub.sms.twilio.account-sid");
    URI messages =
        URI.create(
            hub.get("hub.sms.twilio.base-url") + "/2010-04-01/Accounts/" + sid + "/Messages.json");
    String form = TwilioRequest.form(sms("+34612000001"), "http://127.0.0.1:1/webhooks/twilio");

    HttpResponse<String> ok =
        http.send(
            twilioPost(messages, form, sid, hub.get("hub.sms.twilio.auth-token")),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(201);
    assertThat(TwilioAnswer.messageId(ok.statusCode(), ok.body(), null)).matches("SM[0-9a-f]{32}");
    assertThat(ok.body())
        .contains("\"status\":\"queued\"", "\"to\":\"+34612000001\"", "\"account_sid\":\"" + sid);

    HttpResponse<String> refused =
        http.send(
            twilioPost(messages, form, sid, "wrong-token"), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThatThrownBy(() -> TwilioAnswer.messageId(refused.statusCode(), refused.body(), null))
        .isInstanceOf(ProviderFailure.class)
        .hasMessageStartingWith("twilio 401 20003: Authenticate");
    assertThat(peers.received()).containsEntry("twilio", 1);
  }

  @Test
  void kannel_accepts_for_delivery_with_the_sendsms_user_and_refuses_a_wrong_password()
      throws Exception {
    String base = hub.get("hub.sms.kannel.base-url") + KannelRequest.PATH + "?";
    String user = hub.get("hub.sms.kannel.username");
    SmsMessage m = sms("+34622000001");

    HttpResponse<String> ok =
        get(
            base
                + KannelRequest.query(
                    m, user, hub.get("hub.sms.kannel.password"), "http://127.0.0.1:1/dlr", null));
    assertThat(ok.statusCode()).isEqualTo(202);
    assertThat(ok.body()).isEqualTo("0: Accepted for delivery");
    assertThat(KannelAnswer.messageId(ok.statusCode(), ok.body(), null)).isNull();

    HttpResponse<String> refused = get(base + KannelRequest.query(m, user, "wrong", null, null));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThatThrownBy(() -> KannelAnswer.messageId(refused.statusCode(), refused.body(), null))
        .isInstanceOf(ProviderFailure.class)
        .hasMessage("kannel 403: Authorization failed for sendsms");
    assertThat(peers.received()).containsEntry("kannel", 1);
  }

  @Test
  void the_json_gateway_answers_an_id_at_the_pointer_and_counts_a_resent_reference_once()
      throws Exception {
    String body = JsonGatewayRequest.body(sms("+34632000001"));
    String auth = hub.get("hub.sms.http-json.auth-token");

    HttpResponse<String> ok = gatewayPost(body, auth);
    assertThat(ok.statusCode()).isEqualTo(201);
    String id =
        JsonGatewayAnswer.messageId(
            ok.statusCode(),
            ok.body(),
            null,
            JsonGatewayAnswer.pointer(hub.get("hub.sms.http-json.message-id-pointer")));
    assertThat(id).isNotBlank();
    HttpResponse<String> again = gatewayPost(body, auth);
    assertThat(again.body()).isEqualTo(ok.body());

    HttpResponse<String> refused = gatewayPost(body, "Bearer wrong");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThatThrownBy(
            () ->
                JsonGatewayAnswer.messageId(
                    refused.statusCode(), refused.body(), null, JsonGatewayAnswer.pointer("/id")))
        .isInstanceOf(ProviderFailure.class)
        .satisfies(
            e ->
                assertThat(((ProviderFailure) e).failure().kind())
                    .isEqualTo(SendFailure.Kind.RETRY));
    assertThat(peers.received()).containsEntry("http-json", 1);
  }

  @Test
  void the_smsc_takes_a_bind_answers_each_submit_with_an_id_and_counts_a_long_message_once()
      throws Exception {
    int port = Integer.parseInt(hub.get("hub.sms.smpp.port"));
    SMPPSession session = bind(port, hub.get("hub.sms.smpp.password"));
    List<String> ids = new ArrayList<>();
    try {
      ids.addAll(submit(session, SmppSubmit.of(sms("+34642000001"), 7, true)));
      SmppSubmit longOne =
          SmppSubmit.of(
              new SmsMessage(
                  2, "k2", "+34642000002", "Tienda", LONG_TEXT, SmsSegments.of(LONG_TEXT), "t2"),
              8,
              true);
      assertThat(longOne.parts()).hasSize(2);
      ids.addAll(submit(session, longOne));
    } finally {
      session.unbindAndClose();
    }
    assertThat(ids).hasSize(3).doesNotHaveDuplicates().allMatch(id -> !id.isBlank());

    assertThatThrownBy(() -> bind(port, "wrong"))
        .isInstanceOf(IOException.class)
        .cause()
        .isInstanceOfSatisfying(
            NegativeResponseException.class,
            e -> assertThat(e.getCommandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RINVPASWD));
    assertThat(peers.received()).containsEntry("smpp", 2);
  }

  @Test
  void nothing_is_counted_before_anything_is_sent() {
    assertThat(peers.received())
        .isEqualTo(Map.of("sendgrid", 0, "twilio", 0, "kannel", 0, "http-json", 0, "smpp", 0));
  }

  @Test
  void the_properties_are_the_hubs_own_and_feed_what_each_sink_requires() throws IOException {
    Map<String, String> shipped = properties(Path.of("config/application.properties"));
    assertThat(shipped.keySet()).containsAll(hub.keySet());
    assertThat(hub).doesNotContainKeys("hub.sms.provider", "hub.email.provider", "hub.sms.from");
    // each Kamelet parameter a provider requires comes from a key set here
    Map<String, String> required = new LinkedHashMap<>();
    for (String p : List.of("baseUrl", "accountSid", "authToken")) {
      required.put("camel.kamelet.winback-twilio-sms-sink." + p, p);
    }
    for (String p : List.of("baseUrl", "username", "password")) {
      required.put("camel.kamelet.winback-kannel-sms-sink." + p, p);
    }
    for (String p : List.of("url", "authHeader", "authToken", "messageIdPointer")) {
      required.put("camel.kamelet.winback-http-json-sms-sink." + p, p);
    }
    required.forEach(
        (kamelet, p) ->
            assertThat(shipped.get(kamelet))
                .as(kamelet)
                .matches("\\{\\{(.+)}}")
                .satisfies(v -> assertThat(hub).containsKey(v.substring(2, v.length() - 2))));
    // SendGrid's route adds the path this peer answers on to the base URL
    assertThat(Files.readString(Path.of("routes/channels/email-sendgrid.camel.yaml")))
        .contains("\"{{hub.sendgrid.base-url}}" + SendGridPeer.PATH + "\"");
  }

  private static Map<String, String> properties(Path file) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
        out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return out;
  }

  private static SmsMessage sms(String to) {
    return new SmsMessage(1, "k1-" + to, to, "+34600000001", "Hola", SmsSegments.of("Hola"), "t1");
  }

  private static SendGridBatch.Entry entry(long id, String to) {
    OutboxMessage row =
        new OutboxMessage(
            id, "k" + id, id, "winback", "s1", Channel.EMAIL, to, "t", "Hola", "a", null, 0);
    EmailMessage email =
        new EmailMessage(
            id,
            "Tienda <hola@tienda.example>",
            to,
            false,
            "Hola",
            "<p>Hola</p>",
            "Hola",
            "<http://127.0.0.1:1/u/x>");
    return new SendGridBatch.Entry(row, email, Map.of());
  }

  private SendGridAnswer sendGrid(String body, String key) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(hub.get("hub.sendgrid.base-url") + SendGridPeer.PATH))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new SendGridAnswer(
        r.statusCode(),
        r.headers().firstValue("X-Message-Id").orElse(null),
        r.headers().firstValue("X-RateLimit-Reset").orElse(null),
        r.body());
  }

  private static HttpRequest twilioPost(URI uri, String form, String user, String password) {
    String basic =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
        .header("Authorization", "Basic " + basic)
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
  }

  private HttpResponse<String> get(String uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(uri)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> gatewayPost(String body, String auth) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(hub.get("hub.sms.http-json.url")))
            .header("Content-Type", "application/json; charset=UTF-8")
            .header(hub.get("hub.sms.http-json.auth-header"), auth)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private SMPPSession bind(int port, String password) throws IOException {
    SMPPSession s = new SMPPSession();
    s.connectAndBind(
        hub.get("hub.sms.smpp.host"),
        port,
        new BindParameter(
            BindType.BIND_TRX,
            hub.get("hub.sms.smpp.system-id"),
            password,
            "",
            TypeOfNumber.UNKNOWN,
            NumberingPlanIndicator.UNKNOWN,
            null),
        5_000);
    return s;
  }

  /** Each part as the hub's SMPP session submits it; the message ids. */
  private static List<String> submit(SMPPSession s, SmppSubmit submit) throws Exception {
    List<String> ids = new ArrayList<>();
    for (byte[] part : submit.parts()) {
      ids.add(
          s.submitShortMessage(
                  null,
                  TypeOfNumber.valueOf((byte) submit.source().ton()),
                  NumberingPlanIndicator.valueOf((byte) submit.source().npi()),
                  submit.source().address(),
                  TypeOfNumber.valueOf((byte) submit.destination().ton()),
                  NumberingPlanIndicator.valueOf((byte) submit.destination().npi()),
                  submit.destination().address(),
                  new ESMClass(submit.esmClass()),
                  (byte) 0,
                  (byte) 0,
                  null,
                  null,
                  new RegisteredDelivery(submit.registeredDelivery()),
                  (byte) 0,
                  new RawDataCoding(submit.dataCoding()),
                  (byte) 0,
                  part)
              .getMessageId());
    }
    return ids;
  }
}
