package org.winbackhub.feedback;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an inbound SMS asks for: to stop (opt out at once, before the next send of any journey), for
 * help (answer with the sender's info), to start again (opt back in), or nothing the hub acts on.
 * As Twilio's opt-out handling does, a keyword counts only as the whole message or its first word:
 * "Stop please" stops, "don't stop" does not. Case, surrounding blanks and punctuation, and accents
 * do not matter ("Arrêt", "ARRET!" and "arret" are one keyword).
 *
 * <p>The keywords are the carriers' and Twilio's English ones and their Spanish, French, Italian
 * and Portuguese equivalents. Words that are common at the start of an ordinary sentence in one of
 * these languages are left out on purpose (Spanish "para", for instance), so that a reply such as
 * "para mañana?" is not read as a stop.
 */
public final class ReplyKeywords {

  /** What the reply asks for. */
  public enum Intent {
    OPT_OUT,
    HELP,
    OPT_IN,
    OTHER
  }

  private static final Set<String> OPT_OUT =
      Set.of(
          // English (CTIA, Twilio's defaults)
          "STOP",
          "STOPALL",
          "UNSUBSCRIBE",
          "CANCEL",
          "END",
          "QUIT",
          "OPTOUT",
          "REVOKE",
          // Spanish
          "BAJA",
          "ALTO",
          "PARAR",
          "DETENER",
          "CANCELAR",
          "DESUSCRIBIR",
          "DESUSCRIBIRSE",
          // French
          "ARRET",
          "ARRETER",
          "DESABONNER",
          "DESINSCRIRE",
          "DESINSCRIPTION",
          "ANNULER",
          // Italian
          "ANNULLA",
          "CANCELLA",
          "BASTA",
          "FERMA",
          "DISISCRIVI",
          "DISISCRIVIMI",
          // Portuguese
          "SAIR",
          "PARE",
          "DESCADASTRAR",
          "CANCELE");

  private static final Set<String> HELP = Set.of("HELP", "INFO", "AYUDA", "AIDE", "AIUTO", "AJUDA");

  private static final Set<String> OPT_IN = Set.of("START", "UNSTOP", "YES", "ALTA");

  private static final Map<String, Intent> KEYWORDS = keywords();

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern BLANKS = Pattern.compile("\\s+");
  private static final Pattern EDGE_PUNCTUATION =
      Pattern.compile("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$");

  private ReplyKeywords() {}

  /** The intent of one inbound text; {@link Intent#OTHER} for null or blank. */
  public static Intent classify(String text) {
    String keyword = keyword(text);
    return keyword == null ? Intent.OTHER : KEYWORDS.get(keyword);
  }

  /** The keyword the text starts with, folded to upper case without accents; null when none. */
  public static String keyword(String text) {
    if (text == null) {
      return null;
    }
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return null;
    }
    String first = BLANKS.split(trimmed, 2)[0];
    String word = EDGE_PUNCTUATION.matcher(fold(first)).replaceAll("");
    return KEYWORDS.containsKey(word) ? word : null;
  }

  private static String fold(String word) {
    String decomposed = Normalizer.normalize(word, Normalizer.Form.NFD);
    return MARKS.matcher(decomposed).replaceAll("").toUpperCase(Locale.ROOT);
  }

  private static Map<String, Intent> keywords() {
    var all = new HashMap<String, Intent>();
    OPT_OUT.forEach(k -> all.put(k, Intent.OPT_OUT));
    HELP.forEach(k -> all.put(k, Intent.HELP));
    OPT_IN.forEach(k -> all.put(k, Intent.OPT_IN));
    return Map.copyOf(all);
  }
}
