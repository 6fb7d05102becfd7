package org.winbackhub.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.winbackhub.channel.sms.GsmAlphabet;

/**
 * An SMSC for the tests: jsmpp's server side on loopback, taking binds with one system id and
 * password and answering every submit_sm, by default ESME_ROK with a message_id of its own; a
 * destination can be told its next answers (a command_status, or {@link #NEVER}: no answer at all).
 * It keeps every submit_sm it got, can put a long message's parts back together, and can drop its
 * sessions as a lost connection would.
 */
public final class SmscServer implements AutoCloseable {
  /** An answer that never comes (until the server closes). */
  public static final int NEVER = -1;

  /** A submit_sm as the SMSC got it, with the command_status it answered. */
  public record Submit(
      int sourceTon,
      int sourceNpi,
      String source,
      int destTon,
      int destNpi,
      String destination,
      int dataCoding,
      int esmClass,
      int registeredDelivery,
      byte[] shortMessage,
      int status,
      String messageId) {

    public boolean concatenated() {
      return (esmClass & 0x40) != 0;
    }

    /** The UDH's concatenation fields: reference, total, sequence (3GPP TS 23.040 9.2.3.24.1). */
    public int[] concatenation() {
      return new int[] {shortMessage[3] & 0xFF, shortMessage[4] & 0xFF, shortMessage[5] & 0xFF};
    }

    /** The user data after the UDH, if any. */
    public byte[] payload() {
      return concatenated()
          ? Arrays.copyOfRange(shortMessage, 1 + (shortMessage[0] & 0xFF), shortMessage.length)
          : shortMessage;
    }

    /** The payload as text, by its data_coding: the GSM 7-bit alphabet or UCS-2. */
    public String text() {
      return dataCoding == 0x08
          ? new String(payload(), StandardCharsets.UTF_16BE)
          : GsmAlphabet.decode(payload());
    }
  }

  private final String systemId;
  private final String password;
  private final SMPPServerSessionListener listener;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Submit> submits = new CopyOnWriteArrayList<>();
  private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Integer>> answers = new ConcurrentHashMap<>();
  private final AtomicInteger binds = new AtomicInteger();
  private final AtomicInteger unbinds = new AtomicInteger();
  private final AtomicInteger refusedBinds = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile boolean closed;
  private volatile boolean refusing;

  private SmscServer(String systemId, String password, int port) throws IOException {
    this.systemId = systemId;
    this.password = password;
    listener = new SMPPServerSessionListener(port);
    listener.setPduProcessorDegree(8);
    listener.setMessageReceiverListener(new Answers());
    listener.setSessionStateListener(
        (now, before, source) -> {
          if (now == SessionState.UNBOUND) {
            unbinds.incrementAndGet();
          }
        });
    threads.execute(this::acceptAll);
  }

  /** An SMSC on a free loopback port taking binds as {@code systemId} with {@code password}. */
  public static SmscServer start(String systemId, String password) throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    return new SmscServer(systemId, password, port);
  }

  public int port() {
    return listener.getPort();
  }

  /** The next answers to submit_sm for {@code e164} (with its plus), in order; then ESME_ROK. */
  public void answer(String e164, Integer... statuses) {
    answers
        .computeIfAbsent(e164.substring(1), k -> new ConcurrentLinkedDeque<>())
        .addAll(List.of(statuses));
  }

  public int binds() {
    return binds.get();
  }

  public int unbinds() {
    return unbinds.get();
  }

  public int refusedBinds() {
    return refusedBinds.get();
  }

  public List<Submit> submits() {
    return List.copyOf(submits);
  }

  /** The submit_sm to {@code e164}, in the order they came. */
  public List<Submit> submitsTo(String e164) {
    return submits.stream().filter(s -> s.destination().equals(e164.substring(1))).toList();
  }

  /**
   * The messages {@code e164} was sent, as a handset would show them: accepted parts of a long
   * message put together by reference and sequence (each message once however often a part came).
   */
  public List<String> messagesTo(String e164) {
    Map<Integer, Map<Integer, Submit>> longOnes = new LinkedHashMap<>();
    List<String> out = new ArrayList<>();
    for (Submit s : submitsTo(e164)) {
      if (s.status() != 0) {
        continue;
      }
      if (!s.concatenated()) {
        out.add(s.text());
        continue;
      }
      int[] c = s.concatenation();
      Map<Integer, Submit> parts = longOnes.computeIfAbsent(c[0], r -> new LinkedHashMap<>());
      parts.put(c[2], s);
      if (parts.size() == c[1]) {
        out.add(
            parts.values().stream()
                .sorted(Comparator.comparingInt(p -> p.concatenation()[2]))
                .map(Submit::text)
                .reduce("", String::concat));
        longOnes.remove(c[0]);
      }
    }
    return out;
  }

  /** While true, every bind is refused (ESME_RINVPASWD), as an SMSC that is not taking binds. */
  public void refuseBinds(boolean refuse) {
    refusing = refuse;
  }

  /** Closes every bound session at once, as a broken connection would (no unbind). */
  public void dropSessions() {
    for (SMPPServerSession s : sessions) {
      s.close();
    }
    sessions.clear();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    closing.countDown();
    dropSessions();
    listener.close();
    threads.shutdownNow();
  }

  private void acceptAll() {
    while (!closed) {
      try {
        SMPPServerSession session = listener.accept();
        threads.execute(() -> bind(session));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void bind(SMPPServerSession session) {
    try {
      BindRequest request = session.waitForBind(5_000);
      if (!refusing
          && systemId.equals(request.getSystemId())
          && password.equals(request.getPassword())) {
        request.accept("test-smsc");
        sessions.add(session);
        binds.incrementAndGet();
      } else {
        refusedBinds.incrementAndGet();
        request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
      }
    } catch (Exception e) {
      session.close();
    }
  }

  /** What the SMSC answers. */
  private final class Answers implements ServerMessageReceiverListener {
    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm sm, SMPPServerSession source)
        throws ProcessRequestException {
      Deque<Integer> next = answers.get(sm.getDestAddress());
      Integer scripted = next == null ? null : next.poll();
      int status = scripted == null ? 0 : scripted;
      String id = status == 0 ? String.format("smsc-%06d", ids.incrementAndGet()) : null;
      submits.add(
          new Submit(
              sm.getSourceAddrTon(),
              sm.getSourceAddrNpi(),
              sm.getSourceAddr(),
              sm.getDestAddrTon(),
              sm.getDestAddrNpi(),
              sm.getDestAddress(),
              sm.getDataCoding(),
              sm.getEsmClass(),
              sm.getRegisteredDelivery(),
              sm.getShortMessage(),
              status,
              id));
      if (status == NEVER) {
        try {
          closing.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new ProcessRequestException("too late", SMPPConstant.STAT_ESME_RSYSERR);
      }
      if (status != 0) {
        throw new ProcessRequestException("as scripted", status);
      }
      try {
        return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
      } catch (PDUStringException e) {
        throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
      }
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti m, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm q, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm r, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public void onAcceptCancelSm(CancelSm c, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm b, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm c, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(
        QueryBroadcastSm q, SMPPServerSession source) throws ProcessRequestException {
      throw unsupported();
    }

    private ProcessRequestException unsupported() {
      return new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }
  }
}
