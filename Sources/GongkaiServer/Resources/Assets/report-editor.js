// The annual report editor: a "插入" button puts a live figure's reference ({{requests.new_received}})
// into the text at the cursor. Without JavaScript the reference can be typed or copied by hand.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button.insert-figure");
  if (!button) return;
  var area = document.getElementById(button.dataset.target);
  if (!area) return;
  var token = button.dataset.token;
  var start = area.selectionStart, end = area.selectionEnd;
  area.value = area.value.slice(0, start) + token + area.value.slice(end);
  area.focus();
  area.selectionStart = area.selectionEnd = start + token.length;
});
