package org.winbackhub.channel.sms.kannel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.winbackhub.channel.sms.SmsMessage;
import org.winbackhub.channel.sms.SmsSegments;

class KannelRequestTest {

  @Test
  void the_query_names_the_coding_the_hub_counted_and_a_report_url_with_kannel_escapes() {
    String text = "Año: 5 €";
    SmsMessage m = new SmsMessage(3, "k", "+34612345678", "", text, SmsSegments.of(text), "Mw.sig");
    assertThat(
            KannelRequest.query(
                m, "hub", "p&ss", "https://hub.example.com/webhooks/kannel/dlr", ""))
        .isEqualTo(
            "username=hub&password=p%26ss&to=%2B34612345678&text=A%C3%B1o%3A+5+%E2%82%AC"
                + "&charset=UTF-8&coding=0&dlr-mask=31"
                + "&dlr-url=https%3A%2F%2Fhub.example.com%2Fwebhooks%2Fkannel%2Fdlr%3Ft%3DMw.sig"
                + "%26type%3D%25d%26reply%3D%25A%26smsc-id%3D%25F%26at%3D%25T");
  }

  @Test
  void a_text_outside_the_gsm_alphabet_goes_as_ucs2_and_no_report_without_a_url() {
    String text = "¿Qué tal? 😀";
    SmsMessage m =
        new SmsMessage(3, "k", "+34612345678", "Tienda", text, SmsSegments.of(text), "t");
    String q = KannelRequest.query(m, "hub", "pw", null, null);
    assertThat(q).contains("from=Tienda", "coding=2").doesNotContain("dlr");
  }
}
