package gt.dondelocompro.application.port.in;

import gt.dondelocompro.domain.alert.AlertChannel;
import gt.dondelocompro.domain.alert.AlertRule;
import gt.dondelocompro.domain.alert.AlertTarget;

import java.util.Objects;

/** What {@code POST /alerts} asks for, each part already valid by its own type. */
public record CreateAlertCommand(AlertTarget target, AlertRule rule, AlertChannel channel) {
    public CreateAlertCommand {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(channel, "channel");
    }
}
