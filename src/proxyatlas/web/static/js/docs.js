/* /docs: Swagger UI over /openapi.json, from the vendored bundle (no inline script, no CDN). */
"use strict";

window.addEventListener("load", () => {
  SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", validatorUrl: null, deepLinking: true});
});
