package org.winbackhub.channel.sms.smpp.camel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.support.service.ServiceSupport;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winbackhub.channel.ProviderFailure;
import org.winbackhub.channel.SendFailure;
import org.winbackhub.channel.sms.smpp.SmppAddress;
import org.winbackhub.channel.sms.smpp.SmppBind;
import org.winbackhub.channel.sms.smpp.SmppStatus;
import org.winbackhub.channel.sms.smpp.SmppSubmit;

/**
 * The hub's one SMPP session with its SMSC (jsmpp): bound when the hub starts, in the background
 * (an SMSC that is down does not stop the hub; its messages wait, retried), kept alive by
 * enquire_link, bound again after a loss (its wait doubling from {@code rebindDelay} to {@code
 * maxRebindDelay}), and unbound when the hub stops, after the channel route has finished what it
 * was sending. Every sender thread submits on it at once (jsmpp matches each answer to its request
 * by sequence number); each waits for its own submit_sm_resp, so at most {@code
 * hub.sms.concurrency} are outstanding (the window). Bound as a transceiver by default: the SMSC's
 * deliver_sm (delivery receipts) arrive on the same session, and are answered ESME_RX_T_APPN (try
 * later) until the hub takes them in ({@link ReceiptsNotTakenYet}).
 */
public final class SmscSession extends ServiceSupport {
  private static final Logger LOG = LoggerFactory.getLogger(SmscSession.class);
  private final SmppBind bind;
  private final AtomicReference<SMPPSession> session = new AtomicReference<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger bound = new AtomicInteger();
  private volatile boolean running;
  private ScheduledExecutorService binder;
  private long nextSlot;

  public SmscSession(SmppBind bind) {
    this.bind = bind;
  }

  @Override
  protected void doStart() {
    running = true;
    binder =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "smpp-bind");
              t.setDaemon(true);
              return t;
            });
    binder.execute(this::bind);
  }

  @Override
  protected void doStop() {
    running = false;
    if (binder != null) {
      binder.shutdownNow();
    }
    SMPPSession s = session.getAndSet(null);
    if (s != null) {
      s.unbindAndClose();
      LOG.info("SMPP session {} unbound", bind);
    }
  }

  /** True while a session is bound and can submit. */
  public boolean isBound() {
    SMPPSession s = session.get();
    return s != null && s.getSessionState().isTransmittable();
  }

  /** How many times a session was bound since the start. */
  public int binds() {
    return bound.get();
  }

  private void bind() {
    if (!running) {
      return;
    }
    SMPPSession s = new SMPPSession();
    s.setTransactionTimer(bind.responseTimeout().toMillis());
    s.setEnquireLinkTimer((int) bind.enquireLink().toMillis());
    s.setMessageReceiverListener(new ReceiptsNotTakenYet());
    try {
      s.connectAndBind(
          bind.host(),
          bind.port(),
          new BindParameter(
              bind.transceiver() ? BindType.BIND_TRX : BindType.BIND_TX,
              bind.systemId(),
              bind.password(),
              bind.systemType(),
              TypeOfNumber.UNKNOWN,
              NumberingPlanIndicator.UNKNOWN,
              null),
          bind.bindTimeout().toMillis());
    } catch (IOException e) {
      s.close();
      long wait = bind.rebindAfter(failures.getAndIncrement()).toMillis();
      LOG.warn("SMPP bind {} failed ({}); next try in {} ms", bind, SendFailure.describe(e), wait);
      later(wait);
      return;
    }
    failures.set(0);
    if (!running) { // the hub began to stop while this bind was under way
      s.unbindAndClose();
      return;
    }
    session.set(s);
    bound.incrementAndGet();
    s.addSessionStateListener(
        (now, before, source) -> {
          if (now == SessionState.CLOSED) {
            lost(s);
          }
        });
    LOG.info("SMPP session bound: {}", bind);
    if (!s.getSessionState().isBound()) {
      lost(s); // closed before the listener was there
    }
  }

  private void lost(SMPPSession s) {
    if (running && session.compareAndSet(s, null)) {
      long wait = bind.rebindDelay().toMillis();
      LOG.warn("SMPP session {} lost; binding again in {} ms", bind, wait);
      later(wait);
    }
  }

  private void later(long millis) {
    try {
      binder.schedule(this::bind, millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      // the hub is stopping: no new session
    }
  }

  /**
   * Submits every part of the message; returns the SMSC's message_id of the first. Throws a {@link
   * ProviderFailure} saying what a failure means ({@link SmppStatus}).
   */
  public String submit(SmppSubmit submit) {
    List<String> ids = new ArrayList<>(submit.parts().size());
    for (byte[] part : submit.parts()) {
      SendFailure failure = submitPart(submit, part, ids);
      if (failure != null) {
        throw new ProviderFailure(
            ids.isEmpty()
                ? failure
                : SmppStatus.partlySent(ids.size(), submit.parts().size(), ids.get(0), failure));
      }
    }
    if (ids.size() > 1) {
      LOG.debug("SMPP message in {} parts, message_ids {}", ids.size(), ids);
    }
    return ids.get(0);
  }

  /** Submits one part and adds its message_id to {@code ids}; returns its failure, or null. */
  private SendFailure submitPart(SmppSubmit submit, byte[] part, List<String> ids) {
    SMPPSession s = session.get();
    if (s == null || !s.getSessionState().isTransmittable()) {
      return SmppStatus.notBound(running ? "binding " + bind : "the hub is stopping");
    }
    pace();
    SmppAddress from = submit.source();
    SmppAddress to = submit.destination();
    try {
      ids.add(
          s.submitShortMessage(
                  null,
                  TypeOfNumber.valueOf((byte) from.ton()),
                  NumberingPlanIndicator.valueOf((byte) from.npi()),
                  from.address(),
                  TypeOfNumber.valueOf((byte) to.ton()),
                  NumberingPlanIndicator.valueOf((byte) to.npi()),
                  to.address(),
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
      return null;
    } catch (NegativeResponseException e) {
      return SmppStatus.refused(e.getCommandStatus());
    } catch (ResponseTimeoutException e) {
      return SmppStatus.noAnswer(bind.responseTimeout());
    } catch (PDUException e) {
      return SmppStatus.unencodable(e.getMessage());
    } catch (InvalidResponseException | IOException e) {
      return SmppStatus.broken(SendFailure.describe(e));
    }
  }

  /** Waits for the next submit_sm's turn when {@code maxPerSecond} is set. */
  private void pace() {
    if (bind.maxPerSecond() <= 0) {
      return;
    }
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long slot = Math.max(now, nextSlot);
      nextSlot = slot + TimeUnit.SECONDS.toNanos(1) / bind.maxPerSecond();
      wait = slot - now;
    }
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
  }
}
