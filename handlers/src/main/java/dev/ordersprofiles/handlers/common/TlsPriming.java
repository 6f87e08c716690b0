package dev.ordersprofiles.handlers.common;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Loads what a first HTTPS call loads, without contacting anything: the JDK's default SSL context (its default
 * trust store, the one every real call verifies against) and a complete TLS handshake between two in-memory
 * {@link SSLEngine}s, one as client and one as server, over a throw-away EC P-256 certificate made here and trusted
 * by that client engine only (key exchange, ECDSA signature and certificate path checks, record encryption).
 * For SnapStart's checkpoint (workflow/ChargePaymentSnapStart); nothing made here is kept or trusted elsewhere.
 */
public final class TlsPriming {
    private static final char[] PASSWORD = "priming".toCharArray();

    private TlsPriming() {
    }

    /**
     * Runs the priming.
     *
     * @return the protocol the two engines negotiated (e.g. {@code TLSv1.3})
     */
    public static String prime() {
        try {
            SSLContext.getDefault();
            HttpsURLConnection.getDefaultSSLSocketFactory();
            return handshakeWithItself();
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalStateException("TLS priming failed", e);
        }
    }

    static String handshakeWithItself() throws GeneralSecurityException, SSLException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X509Certificate certificate = selfSigned(keys);

        KeyStore serverStore = emptyStore();
        serverStore.setKeyEntry("priming", keys.getPrivate(), PASSWORD, new X509Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(serverStore, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);

        KeyStore trustStore = emptyStore();
        trustStore.setCertificateEntry("priming", certificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trustManagers.getTrustManagers(), null);

        SSLEngine client = clientContext.createSSLEngine("priming.invalid", 443);
        client.setUseClientMode(true);
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        exchange(client, server);
        return client.getSession().getProtocol();
    }

    /** Drives both engines until each has finished its handshake and sent one application record to the other. */
    private static void exchange(SSLEngine client, SSLEngine server) throws SSLException {
        int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        int app = Math.max(client.getSession().getApplicationBufferSize(),
                server.getSession().getApplicationBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(packet * 4);
        ByteBuffer toClient = ByteBuffer.allocate(packet * 4);
        ByteBuffer clientIn = ByteBuffer.allocate(app * 2);
        ByteBuffer serverIn = ByteBuffer.allocate(app * 2);
        ByteBuffer clientOut = ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer serverOut = ByteBuffer.wrap("pong".getBytes(StandardCharsets.US_ASCII));
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 100; round++) {
            step(client, clientOut, toServer, toClient, clientIn);
            step(server, serverOut, toClient, toServer, serverIn);
            if (!clientOut.hasRemaining() && !serverOut.hasRemaining()
                    && clientIn.position() > 0 && serverIn.position() > 0) {
                return;
            }
        }
        throw new SSLException("the priming handshake did not complete");
    }

    private static void step(SSLEngine engine, ByteBuffer out, ByteBuffer netOut, ByteBuffer netIn, ByteBuffer in)
            throws SSLException {
        SSLEngineResult wrapped = engine.wrap(out, netOut);
        runTasks(engine, wrapped);
        netIn.flip();
        SSLEngineResult unwrapped = engine.unwrap(netIn, in);
        netIn.compact();
        runTasks(engine, unwrapped);
    }

    private static void runTasks(SSLEngine engine, SSLEngineResult result) {
        if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    /** A minimal X.509 v3 certificate (no extensions), DER by hand: CN=priming.invalid, valid for a day. */
    static X509Certificate selfSigned(KeyPair keys) throws GeneralSecurityException {
        byte[] ecdsaWithSha256 = der(0x30, der(0x06, new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 4, 3, 2}));
        byte[] name = der(0x30, der(0x31, der(0x30, concat(der(0x06, new byte[] {0x55, 0x04, 0x03}),
                der(0x0c, "priming.invalid".getBytes(StandardCharsets.UTF_8))))));
        DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] validity = der(0x30, concat(
                der(0x17, utc.format(now.minusHours(1)).getBytes(StandardCharsets.US_ASCII)),
                der(0x17, utc.format(now.plusDays(1)).getBytes(StandardCharsets.US_ASCII))));
        byte[] tbs = der(0x30, concat(
                der(0xa0, der(0x02, new byte[] {2})),
                der(0x02, new byte[] {1}),
                ecdsaWithSha256, name, validity, name,
                keys.getPublic().getEncoded()));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bits = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bits, 1, signature.length);
        byte[] certificate = der(0x30, concat(tbs, ecdsaWithSha256, der(0x03, bits)));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate));
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
