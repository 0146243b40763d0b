// The hand-over form: a file Token Manager wrote at the desk, chosen with the file picker, is read into its text
// field, so that the form stays an ordinary form the officer can also fill in by pasting (the console takes no
// other body than a form; the server checks every field again). Served from /static: the CSP allows no inline script.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('input.read-into').forEach(function (picker) {
    picker.addEventListener('change', function () {
      var target = document.querySelector('textarea[name="' + picker.dataset.into + '"]');
      var file = picker.files && picker.files[0];
      if (!target || !file) {
        return;
      }
      if (file.size > 4096) {
        target.value = '';
        picker.value = '';
        return;
      }
      file.text().then(function (text) {
        target.value = text;
      });
    });
  });
});
