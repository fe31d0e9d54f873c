# Páginas de error: sus títulos y lo que dicen cuando no se sabe nada más concreto.

error-title-400 = No se ha podido leer
error-title-401 = Inicia sesión
error-title-403 = No permitido
error-title-404 = No encontrado
error-title-409 = Choca con otro cambio
error-title-410 = Este enlace ya no funciona
error-title-413 = Demasiado de una vez
error-title-422 = Revisa los datos introducidos
error-title-429 = Demasiados intentos
error-title-500 = Algo ha fallado
error-title-502 = Un servicio al que aisle consultó respondió mal
error-title-503 = No disponible en este momento
error-title-504 = Un servicio al que aisle consultó no respondió a tiempo

error-default-400 = algo de lo enviado no se pudo leer; vuelve atrás, recarga la página e inténtalo de nuevo
error-default-401 = primero tienes que iniciar sesión
error-default-403 = no tienes permiso para hacer eso
error-default-404 = no hay nada en esta dirección; puede que se haya eliminado o que el enlace esté desactualizado
error-default-409 = eso choca con un cambio hecho mientras tanto; recarga la página e inténtalo de nuevo
error-default-413 = era más de lo que aisle acepta de una vez; envía menos o divídelo en partes
error-default-422 = algo de lo enviado no tenía una forma que aisle entienda; vuelve atrás, recarga la página e inténtalo de nuevo
error-default-429 = ha habido demasiados intentos; espera un poco e inténtalo de nuevo
error-default-500 = algo ha fallado en el servidor; ha quedado registrado, así que inténtalo de nuevo en un momento
error-default-502 = un servicio del que depende aisle no dio una respuesta utilizable; inténtalo más tarde
error-default-503 = el servidor está ocupado o aún no está listo; inténtalo de nuevo en un momento
error-not-found = aquí no hay nada: puede que se haya eliminado o que el enlace esté desactualizado
error-busy = la base de datos está ocupada; inténtalo de nuevo en un momento
error-too-many = demasiados intentos; inténtalo de nuevo dentro de { $wait }
wait-seconds = { $n ->
    [one] 1 segundo
    [many] { $n } segundos
   *[other] { $n } segundos
}
wait-minutes = { $n ->
    [one] 1 minuto aproximadamente
    [many] unos { $n } minutos
   *[other] unos { $n } minutos
}
wait-hours = { $n ->
    [one] 1 hora aproximadamente
    [many] unas { $n } horas
   *[other] unas { $n } horas
}

error-go-back = Volver
error-your-lists = Tus listas
error-log-in = Iniciar sesión
error-code = Código de error { $code }

offline-title = Sin conexión
offline-heading = No tienes conexión
offline-text = Esta página no está guardada en este móvil. Las listas que ya abriste antes siguen funcionando sin conexión, y los cambios que hagas en ellas se guardan y se envían cuando vuelva la conexión.
offline-try = Ir a tus listas
