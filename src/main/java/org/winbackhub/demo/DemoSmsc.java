package org.winbackhub.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.MessageId;

/**
 * The demo's SMSC: jsmpp's server side on a free loopback port. It takes a bind (transmitter or
 * transceiver) with one system id and password, refuses any other (ESME_RINVSYSID, ESME_RINVPASWD),
 * and answers every submit_sm ESME_ROK with a message id of its own; every other request is
 * ESME_RINVCMDID. It sends no delivery receipts. Messages are counted as a handset shows them: a
 * submit_sm without a user data header is one, a concatenated one (UDHI) is counted at its first
 * part only, so a long message counts once however many parts it has.
 */
final class DemoSmsc implements AutoCloseable, ServerMessageReceiverListener {
  private final String systemId;
  private final String password;
  private final ServerSocket socket;
  private final SMPPServerSessionListener listener;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "demo-smsc");
            t.setDaemon(true);
            return t;
          });
  private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
  private final AtomicInteger messages = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile boolean closed;

  DemoSmsc(String systemId, String password) throws IOException {
    this.systemId = systemId;
    this.password = password;
    socket = new ServerSocket(0, 50, InetAddress.getByName(LocalPeers.LOOPBACK));
    listener = new SMPPServerSessionListener(0, new Loopback());
    listener.setMessageReceiverListener(this);
    threads.execute(this::acceptAll);
  }

  int port() {
    return socket.getLocalPort();
  }

  /** The messages taken (a long message once). */
  int received() {
    return messages.get();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    sessions.forEach(SMPPServerSession::close);
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
      if (!ProviderPeer.same(request.getSystemId(), systemId)) {
        request.reject(SMPPConstant.STAT_ESME_RINVSYSID);
      } else if (!ProviderPeer.same(request.getPassword(), password)) {
        request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
      } else {
        request.accept("demo-smsc");
        sessions.add(session);
      }
    } catch (Exception e) {
      session.close();
    }
  }

  @Override
  public SubmitSmResult onAcceptSubmitSm(SubmitSm sm, SMPPServerSession source)
      throws ProcessRequestException {
    if (!concatenated(sm) || firstPart(sm.getShortMessage())) {
      messages.incrementAndGet();
    }
    try {
      return new SubmitSmResult(
          new MessageId(String.format("demo-%08d", ids.incrementAndGet())),
          new OptionalParameter[0]);
    } catch (PDUStringException e) {
      throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
    }
  }

  private static boolean concatenated(SubmitSm sm) {
    return (sm.getEsmClass() & 0x40) != 0;
  }

  /**
   * Whether a part's UDH (3GPP TS 23.040 9.2.3.24) says it is part 1: the 8-bit reference element
   * ({@code 00 03 ref total seq}) or the 16-bit one ({@code 08 04 ref ref total seq}).
   */
  private static boolean firstPart(byte[] ud) {
    if (ud == null || ud.length < 6) {
      return true;
    }
    int iei = ud[1] & 0xFF;
    if (iei == 0x00) {
      return (ud[5] & 0xFF) == 1;
    }
    if (iei == 0x08 && ud.length >= 7) {
      return (ud[6] & 0xFF) == 1;
    }
    return true;
  }

  @Override
  public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
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

  private static ProcessRequestException unsupported() {
    return new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
  }

  /** jsmpp's listener on the socket already bound to loopback, whatever port it is asked for. */
  private final class Loopback implements ServerConnectionFactory {
    @Override
    public ServerConnection listen(int port) {
      return new ServerSocketConnection(socket);
    }

    @Override
    public ServerConnection listen(int port, int timeout) throws IOException {
      socket.setSoTimeout(timeout);
      return new ServerSocketConnection(socket);
    }

    @Override
    public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
      return listen(port, timeout);
    }
  }
}
