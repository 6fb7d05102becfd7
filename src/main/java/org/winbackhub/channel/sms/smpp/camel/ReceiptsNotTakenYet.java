package org.winbackhub.channel.sms.smpp.camel;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;

/**
 * What the transceiver session answers the SMSC's deliver_sm and data_sm (delivery receipts,
 * replies) until the hub takes them in: ESME_RX_T_APPN, a temporary error of the receiving
 * application, so the SMSC keeps them and delivers them again later instead of losing them.
 */
final class ReceiptsNotTakenYet implements MessageReceiverListener {
  @Override
  public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
    throw notYet();
  }

  @Override
  public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
    throw notYet();
  }

  @Override
  public void onAcceptAlertNotification(AlertNotification alertNotification) {
    // nothing to answer
  }

  private static ProcessRequestException notYet() {
    return new ProcessRequestException(
        "the hub does not take in deliver_sm yet", SMPPConstant.STAT_ESME_RX_T_APPN);
  }
}
