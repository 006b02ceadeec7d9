// Starts Swagger UI (vendored in swagger-ui/) on the gateway's own OpenAPI document. No
// request leaves for another host: the online validator badge is turned off.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: document.getElementById("swagger-ui").dataset.spec,
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    defaultModelsExpandDepth: 0,
    displayOperationId: true,
    persistAuthorization: false,
  });
});
