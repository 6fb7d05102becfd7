package org.winbackhub.channel.sms.smpp;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.winbackhub.channel.SendFailure;

/**
 * What an SMSC's answer to a submit_sm means (SMPP 3.4, section 5.1.3, command_status), and what a
 * submit that got no answer means. {@code ESME_ROK} is an acceptance (its message_id is the
 * provider's id). Any other status is a refusal: the SMSC did not take the message, so sending it
 * again cannot make it arrive twice. A refusal of the message itself (an invalid destination or
 * source address, a field the SMSC will never accept) fails for good; anything else (throttling, a
 * full queue, a system error, the bind refused, a status this table does not know, such as the
 * vendor-specific 0x400-0x4FF) is tried again with the ledger's backoff, until {@code
 * hub.outbox.max-attempts}. A submit_sm without an answer in time may have been taken: ambiguous.
 */
public final class SmppStatus {
  public static final int ESME_ROK = 0x00;
  public static final int ESME_RMSGQFUL = 0x14;
  public static final int ESME_RTHROTTLED = 0x58;
  public static final int ESME_RINVDSTADR = 0x0B;

  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(0x01, "ESME_RINVMSGLEN"),
          Map.entry(0x02, "ESME_RINVCMDLEN"),
          Map.entry(0x03, "ESME_RINVCMDID"),
          Map.entry(0x04, "ESME_RINVBNDSTS"),
          Map.entry(0x05, "ESME_RALYBND"),
          Map.entry(0x06, "ESME_RINVPRTFLG"),
          Map.entry(0x07, "ESME_RINVREGDLVFLG"),
          Map.entry(0x08, "ESME_RSYSERR"),
          Map.entry(0x0A, "ESME_RINVSRCADR"),
          Map.entry(ESME_RINVDSTADR, "ESME_RINVDSTADR"),
          Map.entry(0x0D, "ESME_RBINDFAIL"),
          Map.entry(0x0E, "ESME_RINVPASWD"),
          Map.entry(0x0F, "ESME_RINVSYSID"),
          Map.entry(ESME_RMSGQFUL, "ESME_RMSGQFUL"),
          Map.entry(0x15, "ESME_RINVSERTYP"),
          Map.entry(0x43, "ESME_RINVESMCLASS"),
          Map.entry(0x45, "ESME_RSUBMITFAIL"),
          Map.entry(0x48, "ESME_RINVSRCTON"),
          Map.entry(0x49, "ESME_RINVSRCNPI"),
          Map.entry(0x50, "ESME_RINVDSTTON"),
          Map.entry(0x51, "ESME_RINVDSTNPI"),
          Map.entry(0x53, "ESME_RINVSYSTYP"),
          Map.entry(ESME_RTHROTTLED, "ESME_RTHROTTLED"),
          Map.entry(0x61, "ESME_RINVSCHED"),
          Map.entry(0x62, "ESME_RINVEXPIRY"),
          Map.entry(0x63, "ESME_RINVDFTMSGID"),
          Map.entry(0x64, "ESME_RX_T_APPN"),
          Map.entry(0x65, "ESME_RX_P_APPN"),
          Map.entry(0x66, "ESME_RX_R_APPN"),
          Map.entry(0xC0, "ESME_RINVOPTPARSTREAM"),
          Map.entry(0xC1, "ESME_ROPTPARNOTALLWD"),
          Map.entry(0xC2, "ESME_RINVPARLEN"),
          Map.entry(0xC3, "ESME_RMISSINGOPTPARAM"),
          Map.entry(0xC4, "ESME_RINVOPTPARAMVAL"),
          Map.entry(0xFE, "ESME_RDELIVERYFAILURE"),
          Map.entry(0xFF, "ESME_RUNKNOWNERR"));

  /** The refusals of the message itself: sending it again would be refused again. */
  private static final Set<Integer> PERMANENT =
      Set.of(
          0x01,
          0x06,
          0x07,
          0x0A,
          ESME_RINVDSTADR,
          0x15,
          0x43,
          0x48,
          0x49,
          0x50,
          0x51,
          0x61,
          0x62,
          0x63,
          0x65,
          0x66,
          0xC0,
          0xC1,
          0xC2,
          0xC3,
          0xC4,
          0xFE);

  private SmppStatus() {}

  /** The status's name and number as SMPP 3.4 writes them: "ESME_RTHROTTLED (0x00000058)". */
  public static String name(int status) {
    return NAMES.getOrDefault(status, status >= 0x400 && status <= 0x4FF ? "vendor" : "unknown")
        + String.format(" (0x%08X)", status);
  }

  /** What a submit_sm_resp with {@code status} (not ESME_ROK) means. */
  public static SendFailure refused(int status) {
    String why = "smpp " + name(status);
    return PERMANENT.contains(status)
        ? SendFailure.permanent(why + ": refused for good")
        : SendFailure.retry(why + ": not taken, tried again later");
  }

  /** No session bound when the message was to go: nothing was sent. */
  public static SendFailure notBound(String why) {
    return SendFailure.retry("not sent, no SMPP session bound: " + why);
  }

  /** The submit_sm was sent and no answer came in time: it may have been taken. */
  public static SendFailure noAnswer(Duration waited) {
    return SendFailure.ambiguous("smpp: no submit_sm_resp within " + waited);
  }

  /** The session broke while the submit_sm was being sent or answered. */
  public static SendFailure broken(String why) {
    return SendFailure.ambiguous("smpp: session broke after submit_sm was sent: " + why);
  }

  /**
   * Some parts of a long message were taken and then one was not: the recipient may get part of it,
   * and sending it again would repeat the parts taken; left for a person to decide.
   */
  public static SendFailure partlySent(int accepted, int total, String firstId, SendFailure rest) {
    return SendFailure.ambiguous(
        "smpp: partly sent, "
            + accepted
            + " of "
            + total
            + " parts taken (first message_id "
            + firstId
            + "), then "
            + rest.why());
  }

  /** The message cannot be written as a submit_sm (a field too long for SMPP): never sent. */
  public static SendFailure unencodable(String why) {
    return SendFailure.permanent("smpp: cannot be sent as submit_sm: " + why);
  }
}
