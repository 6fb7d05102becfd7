package org.winbackhub.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {
  final TemplateRenderer renderer = new TemplateRenderer();

  @Test
  void fills_fields_uses_the_fallback_for_blanks_and_tracks_links() {
    Map<String, String> values = new HashMap<>();
    values.put("first_name", "");
    String out =
        renderer.render(
            "Hola {{first_name|amigo}}: {{link:offer}}",
            values,
            name -> "https://hub/t/c/" + name,
            false);
    assertThat(out).isEqualTo("Hola amigo: https://hub/t/c/offer");
  }

  @Test
  void values_are_escaped_in_html_but_not_in_text() {
    Map<String, String> values = Map.of("first_name", "<b>Ana & Co</b>");
    assertThat(renderer.render("<p>{{first_name}}</p>", values, n -> "", true))
        .isEqualTo("<p>&lt;b&gt;Ana &amp; Co&lt;/b&gt;</p>");
    assertThat(renderer.render("{{first_name}}", values, n -> "", false))
        .isEqualTo("<b>Ana & Co</b>");
  }

  @Test
  void lists_the_fields_and_links_a_template_uses() {
    assertThat(renderer.placeholders("{{ first_name }} {{link:shop}} {{nickname|x}}"))
        .containsExactly("first_name", "link:shop", "nickname");
  }
}
