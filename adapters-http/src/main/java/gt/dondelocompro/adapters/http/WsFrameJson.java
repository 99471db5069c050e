package gt.dondelocompro.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One text frame of the WebSocket transport: {@code {event, id, data}}, the event name and data as on the event
 * stream; {@code id} is the event's sequence in the search and is left out for frames that belong to the connection
 * ({@code search_started}, {@code heartbeat}, a refused frame's {@code error}).
 */
record WsFrameJson(String event, @JsonInclude(JsonInclude.Include.NON_NULL) Long id, Object data) {

    static WsFrameJson connection(String event, Object data) {
        return new WsFrameJson(event, null, data);
    }

    /** Why a frame was refused: the field at fault (null when no one field is) and what is wrong. */
    record RefusalData(String field, String detail) {
    }
}
