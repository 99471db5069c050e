package gt.dondelocompro.adapters.notify;

import gt.dondelocompro.application.port.out.NotificationChannel.DeliveryException;
import gt.dondelocompro.domain.alert.AlertChannel;
import gt.dondelocompro.domain.alert.AlertNotification;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * E-mail through the configured SMTP server with Jakarta Mail (Eclipse Angus): the confirmation mail an e-mail alert
 * must be confirmed with, and its notifications. Plain text, UTF-8; the delivery id rides in {@code X-DLC-Delivery}.
 */
final class EmailSender {

    private final NotifySettings.Smtp smtp;
    private final Session session;

    EmailSender(NotifySettings.Smtp smtp, NotifySettings settings) {
        this.smtp = smtp;
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", String.valueOf(smtp.port()));
        p.put("mail.smtp.connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
        p.put("mail.smtp.timeout", String.valueOf(settings.requestTimeout().toMillis()));
        p.put("mail.smtp.writetimeout", String.valueOf(settings.requestTimeout().toMillis()));
        if (smtp.startTls()) {
            p.put("mail.smtp.starttls.enable", "true");
        }
        Authenticator auth = null;
        if (smtp.user() != null) {
            p.put("mail.smtp.auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(smtp.user(), smtp.password());
                }
            };
        }
        this.session = Session.getInstance(p, auth);
    }

    void sendConfirmation(AlertChannel.Email to, URI link) throws DeliveryException {
        send(to, "Confirma tu alerta de precio", """
                Hola:

                Alguien (¿tú?) pidió en DondeLoCompro que te avisemos por este correo cuando baje un precio.
                Para confirmarlo, abre este enlace:

                %s

                Si no fuiste tú, no hagas nada: no te escribiremos más.
                """.formatted(link), null);
    }

    void send(AlertChannel.Email to, AlertNotification n) throws DeliveryException {
        send(to, Messages.title(n), Messages.text(n) + "\n\n— DondeLoCompro\n", n.id().toString());
    }

    private void send(AlertChannel.Email to, String subject, String text, String deliveryId) throws DeliveryException {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(smtp.from()));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(to.address()));
            m.setSubject(subject, StandardCharsets.UTF_8.name());
            m.setText(text, StandardCharsets.UTF_8.name());
            m.setSentDate(new Date());
            if (deliveryId != null) {
                m.setHeader(WebhookSender.DELIVERY, deliveryId);
            }
            Transport.send(m);
        } catch (MessagingException e) {
            throw new DeliveryException("the SMTP server " + smtp.host() + " refused or did not answer: " + e.getClass().getSimpleName());
        }
    }
}
