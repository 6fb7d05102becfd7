package org.winbackhub.app;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.CouponListing;
import org.winbackhub.store.CouponRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.MergeRepository;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.PurchaseHistoryRepository;
import org.winbackhub.store.PurchaseModelRepository;
import org.winbackhub.store.RejectListing;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.ShortLinkRepository;
import org.winbackhub.store.StoreServer;
import org.winbackhub.store.StoreUrl;

/**
 * The store: its pool, prepared (migrated, or waited for) before any other stage is wired, since
 * every repository takes the {@link Database} bound here; and the repositories the stages share.
 */
public final class StoreBeans implements CamelConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(StoreBeans.class);

  /**
   * The store's pool, started lazily: the no-argument HikariDataSource opens no pool, thread or
   * connection until its first getConnection, so validate (which wires every bean but never asks
   * for a connection) needs no database and leaves nothing running.
   */
  @BindToRegistry("hubDatabase")
  public Database database(CamelContext context, Settings s) {
    String url = StoreUrl.durable(s.get("hub.store.url"));
    StoreSharing sharing = new StoreSharing(url);
    String opened = url;
    if (context.isAutoStartup()) { // the service: serves its H2 file to the commands beside it
      addService(context, sharing);
    } else { // a command: beside a running service, through the file it serves
      opened = StoreServer.throughService(url).orElse(url);
      if (!opened.equals(url)) {
        LOG.info("the service is running: using its store through its server");
      }
    }
    HikariDataSource ds = new HikariDataSource();
    ds.setPoolName("hub-store");
    ds.setJdbcUrl(opened);
    ds.setUsername(s.optional("hub.store.user", null));
    ds.setPassword(s.optional("hub.store.password", null));
    ds.setMaximumPoolSize(s.integer("hub.store.pool-size"));
    ds.setInitializationFailTimeout(-1); // a store that is down at start is retried, not fatal
    ds.setConnectionTimeout(10_000);
    Database db = new Database(ds);
    new StoreStartup(
            db,
            ds,
            s.bool("hub.store.migrate", true),
            StoreStartup.where(s.get("hub.store.url")),
            Duration.parse(s.optional("hub.store.startup-timeout", "PT2M")),
            sharing::storeReady)
        .prepare(context);
    return db;
  }

  private static void addService(CamelContext context, StoreSharing sharing) {
    try {
      context.addService(sharing, true, true);
    } catch (Exception e) {
      throw new IllegalStateException("cannot register the store's sharing", e);
    }
  }

  /** The pool itself, made by {@link #database}: the store's one pool, closed by HubShutdown. */
  @BindToRegistry("hubDataSource")
  public HikariDataSource dataSource(Database db) {
    return (HikariDataSource) db.dataSource();
  }

  @BindToRegistry("hubContacts")
  public ContactRepository contacts(Database db) {
    return new ContactRepository(db);
  }

  /** The merges identity resolution made: listed and undone by the {@code merges} command. */
  @BindToRegistry("hubMerges")
  public MergeRepository merges(Database db) {
    return new MergeRepository(db);
  }

  @BindToRegistry("hubEvents")
  public EventRepository events(Database db) {
    return new EventRepository(db);
  }

  @BindToRegistry("hubFacts")
  public FactRepository facts(Database db) {
    return new FactRepository(db);
  }

  @BindToRegistry("hubPurchaseModels")
  public PurchaseModelRepository purchaseModels(Database db) {
    return new PurchaseModelRepository(db);
  }

  @BindToRegistry("hubPurchaseHistories")
  public PurchaseHistoryRepository purchaseHistories(Database db) {
    return new PurchaseHistoryRepository(db);
  }

  @BindToRegistry("hubRejectListing")
  public RejectListing rejectListing(Database db) {
    return new RejectListing(db);
  }

  @BindToRegistry("hubRejectRecords")
  public RejectRepository rejects(Database db) {
    return new RejectRepository(db);
  }

  @BindToRegistry("hubEnrollments")
  public EnrollmentRepository enrollments(Database db) {
    return new EnrollmentRepository(db);
  }

  @BindToRegistry("hubShortLinks")
  public ShortLinkRepository shortLinks(Database db) {
    return new ShortLinkRepository(db);
  }

  /**
   * With a reader of events of its own (stateless): a bean here takes only the database, see
   * HubBeans.
   */
  @BindToRegistry("hubCoupons")
  public CouponRepository coupons(Database db) {
    return new CouponRepository(db);
  }

  @BindToRegistry("hubCouponListing")
  public CouponListing couponListing(Database db) {
    return new CouponListing(db);
  }

  @BindToRegistry("hubOutbox")
  public OutboxRepository outbox(Database db) {
    return new OutboxRepository(db, new EventRepository(db));
  }
}
