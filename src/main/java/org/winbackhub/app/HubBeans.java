package org.winbackhub.app;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.support.PluginHelper;

/**
 * Wires the hub: one configuration class per stage, each binding its beans with
 * {@code @BindToRegistry} methods under the names the YAML routes and Kamelets call. A method's
 * parameters are found in the registry by type (by name with {@code @BeanInject}), so a stage takes
 * only what the stages before it bound; within a class Camel orders the methods so that one may
 * take a bean of another that needs nothing from its own class, and no deeper. The only class that
 * knows every stage.
 */
public final class HubBeans implements CamelConfiguration {

  /**
   * In the order they bind: the settings first (secrets masked before any bean reads a property),
   * then the store, prepared before any stage takes it.
   */
  public static final List<Class<? extends CamelConfiguration>> STAGES =
      List.of(
          SettingsBeans.class,
          StoreBeans.class,
          IntakeBeans.class,
          SourceBeans.class,
          ShopBeans.class,
          SegmentBeans.class,
          JourneyBeans.class,
          TrackingBeans.class,
          OfferBeans.class,
          ChannelBeans.class,
          SmsBeans.class,
          SendGridBeans.class,
          FeedbackBeans.class,
          ReportBeans.class,
          ManagementBeans.class);

  /**
   * Binds every stage, one after the other, as Camel Main does with its configuration classes (bean
   * post-processing, then {@code configure}): here the order between them is guaranteed, and the
   * tests and validate, which boot no Main of the hub's, bind exactly the same beans.
   */
  @Override
  public void configure(CamelContext context) {
    CamelBeanPostProcessor beans = PluginHelper.getBeanPostProcessor(context);
    for (Class<? extends CamelConfiguration> stage : STAGES) {
      try {
        CamelConfiguration configuration = stage.getDeclaredConstructor().newInstance();
        beans.postProcessBeforeInitialization(configuration, stage.getName());
        beans.postProcessAfterInitialization(configuration, stage.getName());
        configuration.configure(context);
      } catch (RuntimeCamelException e) {
        throw cause(e);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(
            "cannot wire " + stage.getSimpleName() + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * The one bean of {@code type} the stages bound: how commands and the demo take them, by type,
   * not name.
   */
  public static <T> T bean(CamelContext camel, Class<T> type) {
    T bean = camel.getRegistry().findSingleByType(type);
    if (bean == null) {
      throw new IllegalStateException(
          "no single " + type.getSimpleName() + " in the registry (app/HubBeans binds one)");
    }
    return bean;
  }

  /**
   * What a bean method threw, as it threw it: Camel wraps it, and a mistake in the configuration
   * (IllegalArgumentException, IllegalStateException) is then no longer told in one line.
   */
  private static RuntimeException cause(RuntimeCamelException e) {
    Throwable t = e;
    while ((t instanceof RuntimeCamelException || t instanceof InvocationTargetException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof RuntimeException r ? r : e;
  }
}
