import type { Form, FormField } from './forms.schema.ts';
import { TRACKING_FIELDS } from './forms.schema.ts';

const AUTOCOMPLETE: Record<string, string> = {
  email: 'email',
  firstName: 'given-name',
  lastName: 'family-name',
  phone: 'tel',
  title: 'organization-title',
  company: 'organization',
  country: 'country',
};

// The HTML a marketer pastes into any page: a plain form that posts to Baton, so it works
// without JavaScript, plus an optional script. What Baton learns about the visit:
// - the page address from the hidden page_url input, else from the Referer header; browsers
//   send only the origin of a cross-site page unless it sets a referrer policy such as
//   <meta name="referrer" content="no-referrer-when-downgrade">;
// - UTM values from the hidden utm_* inputs, which the site may fill when it renders the
//   page, else from the page address;
// - where the visitor came from only from the hidden referrer input.
// The script fills page_url, referrer and utm_* from location and document.referrer.
export function renderSnippet(form: Form, origin: string): string {
  const action = `${origin.replace(/\/+$/, '')}/f/${encodeURIComponent(form.key)}`;
  const id = (field: FormField) => `baton-${form.key}-${field.name}`;
  const lines = [
    `<!-- Baton form "${escapeHtml(form.name).replaceAll('--', '- -')}": submissions create or update leads. -->`,
    `<form method="post" action="${escapeHtml(action)}" accept-charset="UTF-8" data-baton-form="${escapeHtml(form.key)}">`,
  ];
  for (const field of form.fields) lines.push(...renderField(field, id(field)));
  if (form.honeypotField) {
    lines.push(
      '  <!-- Left empty by people; a submission that fills it is treated as spam. -->',
      '  <div style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden" aria-hidden="true">',
      `    <label>Leave this empty <input type="text" name="${escapeHtml(form.honeypotField)}" tabindex="-1" autocomplete="off"></label>`,
      '  </div>',
    );
  }
  lines.push('  <!-- Campaign tracking: filled by your site or by the optional script below. -->');
  for (const name of TRACKING_FIELDS) lines.push(`  <input type="hidden" name="${name}" value="">`);
  lines.push('  <button type="submit">Send</button>', '</form>');
  lines.push(
    '<!-- Optional: copies this page address, its referrer and UTM parameters into the hidden inputs. -->',
    '<script>',
    '(function () {',
    `  var form = document.querySelector('form[data-baton-form="${escapeHtml(form.key)}"]');`,
    '  if (!form) return;',
    '  var params = new URLSearchParams(window.location.search);',
    '  form.elements.page_url.value = window.location.href;',
    '  form.elements.referrer.value = document.referrer;',
    "  ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'].forEach(function (name) {",
    '    var value = params.get(name);',
    '    if (value && !form.elements[name].value) form.elements[name].value = value;',
    '  });',
    '})();',
    '</script>',
  );
  return `${lines.join('\n')}\n`;
}

function renderField(field: FormField, id: string): string[] {
  const name = escapeHtml(field.name);
  const label = escapeHtml(field.label);
  const required = field.required ? ' required' : '';
  const autocomplete = AUTOCOMPLETE[field.mapsTo] ? ` autocomplete="${AUTOCOMPLETE[field.mapsTo]}"` : '';
  switch (field.type) {
    case 'hidden':
      return [`  <input type="hidden" name="${name}" value="">`];
    case 'checkbox':
      return [
        `  <p><label><input type="checkbox" id="${id}" name="${name}" value="true"${required}> ${label}</label></p>`,
      ];
    case 'textarea':
      return [
        `  <p><label for="${id}">${label}</label><br><textarea id="${id}" name="${name}"${required}></textarea></p>`,
      ];
    case 'select': {
      const options = (field.options ?? []).map((o) => `<option>${escapeHtml(o)}</option>`).join('');
      return [
        `  <p><label for="${id}">${label}</label><br><select id="${id}" name="${name}"${required}><option value=""></option>${options}</select></p>`,
      ];
    }
    default:
      return [
        `  <p><label for="${id}">${label}</label><br><input type="${field.type}" id="${id}" name="${name}"${autocomplete}${required}></p>`,
      ];
  }
}

/** A small self-contained page for browsers that posted the form: thanks, or what to fix. */
export function renderMessagePage(title: string, message: string, backUrl: string | null): string {
  const back = backUrl && /^https?:\/\//i.test(backUrl) ? `<p><a href="${escapeHtml(backUrl)}">Go back</a></p>` : '';
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">',
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${back}`,
    '</body></html>',
    '',
  ].join('\n');
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
