package io.sequent.directory.domain;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A directory's trusted CA certificates, given as PEM ({@code -----BEGIN CERTIFICATE-----} blocks, one or more).
 * Parsed with the JDK's X.509 factory; anything else in the text, a block that is not a certificate, or a
 * certificate already expired is refused with a message an admin can act on.
 */
public final class PemCertificates {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");
    private static final Pattern OTHER_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

    private PemCertificates() {
    }

    /** The certificates of {@code pem}, checked to be usable at {@code now}; IllegalArgumentException otherwise. */
    public static List<X509Certificate> parse(String pem, Instant now) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("no certificate: expected one or more -----BEGIN CERTIFICATE----- blocks");
        }
        Matcher other = OTHER_BLOCK.matcher(pem);
        while (other.find()) {
            if (!other.group(1).equals("CERTIFICATE")) {
                throw new IllegalArgumentException("only certificates belong here, found a " + other.group(1)
                        + " block (never send a private key)");
            }
        }
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher block = BLOCK.matcher(pem);
        while (block.find()) {
            int n = certificates.size() + 1;
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(block.group(1).getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("certificate " + n + " is not valid base64");
            }
            X509Certificate certificate;
            try {
                certificate = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
            } catch (CertificateException | ClassCastException e) {
                throw new IllegalArgumentException("certificate " + n + " is not an X.509 certificate");
            }
            if (certificate.getNotAfter().toInstant().isBefore(now)) {
                throw new IllegalArgumentException("certificate " + n + " (" + certificate.getSubjectX500Principal().getName()
                        + ") expired on " + certificate.getNotAfter().toInstant());
            }
            certificates.add(certificate);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no certificate: expected one or more -----BEGIN CERTIFICATE----- blocks");
        }
        return List.copyOf(certificates);
    }

    /** A trust store holding exactly these certificates, for a PKIX trust manager. */
    public static KeyStore trustStore(List<X509Certificate> certificates) throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            return store;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
