package io.deskbridge.connector;

/**
 * Implemented by a {@link PartnerConnector} that can interpret stored raw input again, so that ops
 * can replay input it once rejected (after fixing the mapping, say). The connector parses and
 * submits it as if it had just arrived, through its {@link InboundSink}.
 */
public interface InboundReplay {
  void replay(long rawInputId, String sourceKey, String mediaType, byte[] body);
}
