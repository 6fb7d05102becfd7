package org.winbackhub.app;

import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.winbackhub.intake.BatchCommit;
import org.winbackhub.intake.ContactIntake;
import org.winbackhub.intake.FieldRules;
import org.winbackhub.intake.MappedSourceSync;
import org.winbackhub.intake.camel.SourceHealth;
import org.winbackhub.intake.camel.SourceRuns;
import org.winbackhub.intake.loyalty.CsvRecords;
import org.winbackhub.intake.loyalty.LoyaltyFileFormat;
import org.winbackhub.intake.loyalty.LoyaltyFileIntake;
import org.winbackhub.intake.loyalty.camel.LoyaltyFiles;
import org.winbackhub.intake.salesforce.camel.SalesforceSources;
import org.winbackhub.intake.sql.camel.SqlSources;
import org.winbackhub.store.Database;
import org.winbackhub.store.SourceFileRepository;

/**
 * The sources: loyalty files, SQL databases and Salesforce (the shop has {@link ShopBeans}). A
 * polled source kind is bound twice, the second time under its Kamelet's name, where sync finds it.
 */
public final class SourceBeans implements CamelConfiguration {

  @BindToRegistry("loyaltyFiles")
  public LoyaltyFiles loyaltyFiles(
      Settings s,
      FieldRules fields,
      ContactIntake intake,
      SourceHealth health,
      Database db,
      Clock clock) {
    LoyaltyFileFormat format =
        new LoyaltyFileFormat(
            s.optional("hub.loyalty.source-id", "loyalty"),
            Arrays.stream(s.get("hub.loyalty.columns").split(",")).map(String::trim).toList(),
            delimiter(s.get("hub.loyalty.delimiter")),
            Charset.forName(s.get("hub.loyalty.charset")),
            s.bool("hub.loyalty.header", true),
            ZoneId.of(s.get("hub.time-zone")),
            s.get("hub.currency"));
    CsvRecords.Limits lines =
        new CsvRecords.Limits(
            s.integer("hub.loyalty.max-line-length", 10_000, 100),
            s.integer("hub.loyalty.max-record-lines", 10, 1));
    return new LoyaltyFiles(
        new LoyaltyFileIntake(
            format, lines, fields, intake, new SourceFileRepository(db), db, clock),
        health);
  }

  @BindToRegistry("sqlSources")
  public SqlSources sqlSources(
      CamelContext context, Settings s, BatchCommit batches, FieldRules fields, SourceRuns runs) {
    return new SqlSources(context, mappedSync(s, batches, fields), s.home(), runs);
  }

  @BindToRegistry("winback-crm-jdbc-source")
  public SqlSources crmJdbcSource(SqlSources sources) {
    return sources;
  }

  @BindToRegistry("salesforceSources")
  public SalesforceSources salesforceSources(
      CamelContext context, Settings s, BatchCommit batches, FieldRules fields, SourceRuns runs) {
    return new SalesforceSources(
        context,
        mappedSync(s, batches, fields),
        s.home(),
        runs,
        Long.parseLong(s.optional("hub.salesforce.bulk-poll-ms", "5000")));
  }

  @BindToRegistry("winback-salesforce-source")
  public SalesforceSources salesforceSource(SalesforceSources sources) {
    return sources;
  }

  /** The mapping-driven sync the SQL and Salesforce sources share (one each). */
  private static MappedSourceSync mappedSync(Settings s, BatchCommit batches, FieldRules fields) {
    return new MappedSourceSync(
        batches,
        fields,
        ZoneId.of(s.get("hub.time-zone")),
        s.get("hub.currency"),
        Duration.parse(s.optional("hub.sources.overlap", "PT1M")));
  }

  private static char delimiter(String value) {
    String v = value.equals("\\t") || value.equalsIgnoreCase("tab") ? "\t" : value;
    if (v.length() != 1) {
      throw new IllegalArgumentException(
          "hub.loyalty.delimiter: expected one character or 'tab', got '" + value + "'");
    }
    return v.charAt(0);
  }
}
