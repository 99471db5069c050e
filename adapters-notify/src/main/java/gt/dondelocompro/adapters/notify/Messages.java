package gt.dondelocompro.adapters.notify;

import gt.dondelocompro.domain.Money;
import gt.dondelocompro.domain.alert.AlertNotification;
import gt.dondelocompro.domain.alert.AlertRule;
import gt.dondelocompro.domain.alert.AlertRules;

/** The words of a notification for people (ntfy, e-mail), in Spanish as the page. */
final class Messages {

    private Messages() {
    }

    static String title(AlertNotification n) {
        return switch (n.rule()) {
            case AlertRule.BackInStock b -> "De nuevo disponible: " + n.product().name();
            default -> (n.reason() == AlertRules.Reason.FURTHER_DROP ? "Bajó aún más: " : "Bajó de precio: ") + n.product().name();
        };
    }

    static String text(AlertNotification n) {
        String store = n.product().vendorName() == null ? n.product().vendorId() : n.product().vendorName();
        StringBuilder s = new StringBuilder();
        s.append(n.product().name()).append(" está a ").append(money(n.price())).append(" en ").append(store);
        if (n.previousPrice() != null) {
            s.append(" (antes ").append(money(n.previousPrice())).append(')');
        }
        s.append(".\n").append(n.product().url());
        return s.toString();
    }

    static String money(Money m) {
        return (m.currency().getCurrencyCode().equals("GTQ") ? "Q " : m.currency().getCurrencyCode() + " ") + m.amount().toPlainString();
    }
}
