package hu.tokenplatform.registry.certificate.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Who a token certificate names: the user, their customer identifier, their company and the token's CSN. */
public record CertificateSubject(String commonName, String customerId, String companyName, String csn) {

    /** Built attribute by attribute so that commas and other special characters in names are escaped. */
    public X500Name toX500Name() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .addRDN(BCStyle.UID, customerId)
                .addRDN(BCStyle.SERIALNUMBER, csn)
                .addRDN(BCStyle.O, companyName)
                .addRDN(BCStyle.C, "HU")
                .build();
    }
}
