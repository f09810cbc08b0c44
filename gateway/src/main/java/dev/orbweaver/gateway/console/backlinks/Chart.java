package dev.orbweaver.gateway.console.backlinks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A bar chart's data as console.js hands it to Chart.js: labels, one series of counts and what they
 * count. It travels in a data attribute, so pages need no inline script.
 */
record Chart(String label, List<String> labels, List<Long> values) {
  String json(ObjectMapper json) {
    ObjectNode chart = json.createObjectNode();
    chart.put("label", label);
    labels.forEach(chart.putArray("labels")::add);
    values.forEach(chart.putArray("values")::add);
    return chart.toString();
  }
}
